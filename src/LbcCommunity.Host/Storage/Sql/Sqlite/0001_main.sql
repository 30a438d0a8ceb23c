-- The Orleans ADO.NET providers load every statement they run from this table at start-up,
-- so the SQL of each provider is data owned by these migrations.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
