-- Grain state (ADO.NET grain storage). One row per grain identity and state name, enforced by a
-- unique key: without it two first writers racing each other can both insert.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    -- '' stands for "no key extension" so that the unique key also covers grains without one
    -- (NULLs never collide in a unique index).
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,
    CONSTRAINT uq_orleans_storage_grain UNIQUE
        (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainTypeString = @GrainTypeString
  AND GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '');
$sql$),
-- No ETag: first write, an insert that yields no row (and so an InconsistentStateException in the
-- provider) when the row already exists, including when another first writer won the race.
-- An ETag: an update guarded by the version; a stale version matches no row and yields nothing.
('WriteToStorageKey', $sql$
WITH inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''),
           @ServiceId, @PayloadBinary, now(), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT uq_orleans_storage_grain DO NOTHING
    RETURNING Version
), updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND ServiceId = @ServiceId
      AND GrainTypeHash = @GrainTypeHash AND GrainTypeString = @GrainTypeString
      AND GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM inserted
UNION ALL
SELECT Version FROM updated;
$sql$),
-- Clearing keeps the row and its version history so that a stale writer still fails afterwards.
('ClearStorageKey', $sql$
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainTypeString = @GrainTypeString
  AND GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$sql$),
('DeleteStorageKey', $sql$
DELETE FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainTypeString = @GrainTypeString
  AND GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
