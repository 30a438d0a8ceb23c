using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace LbcCommunity.Host.Storage;

/// <summary>One embedded SQL script; its id (the file name without extension) orders and records it.</summary>
internal sealed record MigrationScript(string Id, string Sql);

/// <summary>
/// Applies the project's versioned SQL scripts to the configured store: each script once, in name
/// order, inside a transaction, recorded in <c>lbc_schema_migrations</c>. Safe to run on every start.
/// </summary>
internal sealed partial class SchemaMigrator
{
    internal const string HistoryTable = "lbc_schema_migrations";

    private const string ResourcePrefix = "lbc-sql/";

    /// <summary>The part of a script's name that marks a read model's schema (the stories' search index, attachments): Azure mode applies only these.</summary>
    internal const string ReadModelMarker = "_readmodel_";

    // Any fixed 64-bit number works; every migrator of every silo must agree on it.
    private const long PostgresAdvisoryLockKey = 0x6C62_635F_736368; // "lbc_sch"

    private readonly StorageOptions _options;
    private readonly ILogger<SchemaMigrator> _logger;

    public SchemaMigrator(StorageOptions options, ILogger<SchemaMigrator> logger)
    {
        StorageConnections.Validate(options);
        _options = options;
        _logger = logger;
    }

    /// <summary>The scripts of a store kind, ordered by id.</summary>
    internal static IReadOnlyList<MigrationScript> LoadScripts(StorageMode mode)
    {
        var folder = ResourcePrefix + (mode == StorageMode.Embedded ? "Sqlite/" : "Postgres/");
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(folder, StringComparison.Ordinal) || !normalized.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var id = Path.GetFileNameWithoutExtension(normalized);
            // Azure mode's PostgreSQL holds no Orleans tables, only the read models (scripts named *_readmodel_*).
            if (mode == StorageMode.Azure && !id.Contains(ReadModelMarker, StringComparison.Ordinal))
            {
                continue;
            }

            scripts.Add(new MigrationScript(id, ReadResource(assembly, name)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migration scripts under '{folder}'.");
        }

        scripts.Sort((left, right) => string.CompareOrdinal(left.Id, right.Id));
        return scripts;
    }

    /// <summary>Brings the schema up to date and returns the ids of the scripts applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        // Azure mode: the Azure providers create their tables and container themselves and keep no queries in a
        // database; its PostgreSQL holds OpenIddict's stores (created by the identity start-up) and the read models.
        var scripts = LoadScripts(_options.Mode);
        var applied = _options.Mode != StorageMode.Embedded
            ? await MigratePostgresAsync(scripts, cancellationToken).ConfigureAwait(false)
            : await MigrateSqliteAsync(scripts, cancellationToken).ConfigureAwait(false);

        if (applied.Count == 0)
        {
            LogSchemaUpToDate(_logger, _options.Mode, scripts[^1].Id);
        }

        return applied;
    }

    private async Task<IReadOnlyList<string>> MigratePostgresAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = await StorageConnections.OpenAsync(_options, createIfMissing: true, cancellationToken).ConfigureAwait(false);

        // Silos starting together would otherwise race on CREATE TABLE and on the same script; the
        // session lock serialises them and the later ones find everything applied.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresAdvisoryLockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null,
                $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken).ConfigureAwait(false);
            return await ApplyPendingAsync(connection, scripts, "now()", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresAdvisoryLockKey.ToString(CultureInfo.InvariantCulture)})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> MigrateSqliteAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorageConnections.SqliteFilePath(_options))!);
        await using var connection = await StorageConnections.OpenAsync(_options, createIfMissing: true, cancellationToken).ConfigureAwait(false);

        // WAL lets readers proceed while a grain writes; the mode is stored in the file, and it cannot
        // be switched inside a transaction, hence before any script.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        return await ApplyPendingAsync(connection, scripts, "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(
        DbConnection connection, IReadOnlyList<MigrationScript> scripts, string nowExpression, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        foreach (var script in scripts)
        {
            // The check sits inside the transaction so that a concurrent migrator (SQLite takes the
            // write lock at BEGIN) cannot apply the same script between the check and the insert.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await IsAppliedAsync(connection, transaction, script.Id, cancellationToken).ConfigureAwait(false))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {HistoryTable} (id, applied_at) VALUES (@id, {nowExpression})";
                AddParameter(record, "id", script.Id);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(script.Id);
            LogScriptApplied(_logger, script.Id, _options.Mode);
        }

        return applied;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {HistoryTable} WHERE id = @id";
        AddParameter(command, "id", id);
        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {MigrationId} ({Mode} store).")]
    private static partial void LogScriptApplied(ILogger logger, string migrationId, StorageMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of the {Mode} store is up to date at {MigrationId}.")]
    private static partial void LogSchemaUpToDate(ILogger logger, StorageMode mode, string migrationId);
}
