using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// The embedded store's grain-state writer: every grain-state write and clear of the silo goes into one queue, and one
/// writer thread commits what has queued up together, in one SQLite transaction with one WAL sync. Each write is still
/// checked against its version (ETag) as Orleans' ADO.NET provider checks it, and its caller is answered only once the
/// transaction holding it has committed, so an acknowledged rating is on disk; when the transaction fails, every write
/// in it fails (the grains reload what is stored). Reads go to the provider (WAL lets them run beside the writer).
/// </summary>
/// <remarks>
/// <para>
/// SQLite allows one writer at a time. The provider opens a connection and commits per write; from the silo's threads
/// concurrent writers collided (the driver sleeps 150 ms on a busy file), and one at a time they were the product's
/// ceiling: one commit, and its sync, per acknowledged rating (docs/benchmarks.md, "2,000 ratings/s over 5,000
/// teams"). Here a commit's cost is shared by everything that queued while the previous one was on disk: alone, a
/// write waits for nothing; under load, batches grow until the commits keep up.
/// </para>
/// <para>
/// Rows are the provider's (<see cref="AdoNetStorageRow"/>; the statements are those of
/// <c>Sql/Sqlite/0002_persistence.sql</c>, one per case), so a store written by either is read by both. Only the
/// embedded store uses this: PostgreSQL takes concurrent writers and groups their WAL flushes itself.
/// </para>
/// </remarks>
internal sealed partial class GroupCommitGrainStorage : IGrainStorage, IDisposable
{
    /// <summary>The meter of the writer's instruments, exported with the host's other metrics.</summary>
    public const string MeterName = "LbcCommunity.Storage";

    /// <summary>The tag naming the cluster's service id on every measurement (one process may hold several silos' stores).</summary>
    public const string ServiceTag = "lbc.service_id";

    /// <summary>At most this many writes share a transaction.</summary>
    public const int MaxBatch = 512;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>(
        "lbc.storage.write.wait", "ms", "How long a grain-state write waited in the embedded store's queue until its transaction began.");

    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        "lbc.storage.write.duration", "ms", "How long one transaction of the embedded store's writer took, statements and commit.");

    private static readonly Histogram<int> Batched = Meter.CreateHistogram<int>(
        "lbc.storage.write.batch", "{write}", "How many grain-state writes one transaction of the embedded store's writer committed.");

    private const string Where = """
        ServiceId = @ServiceId
          AND GrainTypeHash = @GrainTypeHash AND GrainTypeString = @GrainTypeString
          AND GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString = IFNULL(@GrainIdExtensionString, '')
        """;

    private const string InsertText = """
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, IFNULL(@GrainIdExtensionString, ''),
                @ServiceId, @PayloadBinary, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version;
        """;

    private const string UpdateText = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), Version = Version + 1
        WHERE {Where}
          AND Version = @GrainStateVersion
        RETURNING Version;
        """;

    private const string ClearText = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), Version = Version + 1
        WHERE {Where}
          AND Version = @GrainStateVersion
        RETURNING Version;
        """;

    private readonly IGrainStorage _provider;
    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly KeyValuePair<string, object?> _serviceTag;
    private Statements? _statements;

    /// <param name="provider">The ADO.NET provider over the same file: reads, and writes of states it names differently.</param>
    /// <param name="connectionString">The SQLite file's connection string.</param>
    /// <param name="serviceId">The cluster's service id, a column of every row.</param>
    /// <param name="serializer">The provider's serializer of grain state.</param>
    /// <param name="activators">Creates a cleared state's new value, as the provider does.</param>
    /// <param name="logger">Failed transactions are logged here.</param>
    public GroupCommitGrainStorage(
        IGrainStorage provider, string connectionString, string serviceId, IGrainStorageSerializer serializer,
        IActivatorProvider activators, ILogger<GroupCommitGrainStorage> logger)
    {
        _provider = provider;
        _connectionString = connectionString;
        _serviceId = serviceId;
        _serviceTag = new(ServiceTag, serviceId);
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        _writer = new Thread(Run) { IsBackground = true, Name = "lbc-grain-state-writer" };
        _writer.Start();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _provider.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!AdoNetStorageRow.StoresNameAsIs(stateName))
        {
            return Enqueue(new ProviderCall(() => _provider.WriteStateAsync(stateName, grainId, grainState)));
        }

        // Serialised on the caller's thread: the writer thread only runs statements.
        var payload = _serializer.Serialize(grainState.State).ToArray();
        return Enqueue(new RowWrite<T>(this, stateName, grainId, grainState, payload, clear: false));
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!AdoNetStorageRow.StoresNameAsIs(stateName))
        {
            await Enqueue(new ProviderCall(() => _provider.ClearStateAsync(stateName, grainId, grainState)));
            return;
        }

        // As the provider: a state never read or written is looked up first, and nothing is done when there is none.
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        await Enqueue(new RowWrite<T>(this, stateName, grainId, grainState, payload: null, clear: true));
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (!_writer.Join(TimeSpan.FromSeconds(30)))
        {
            LogWriterDidNotStop(_logger);
        }

        _statements?.Dispose();
        _statements = null;
    }

    private Task Enqueue(Pending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Fail(new ObjectDisposedException(nameof(GroupCommitGrainStorage), "The embedded store's writer has stopped."));
        }

        return pending.Completion;
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // A call the provider makes goes alone, outside a transaction of ours (it commits on its own connection).
            while (batch.Count < MaxBatch && reader.TryPeek(out var next) && (batch.Count == 0 || next is RowWrite))
            {
                reader.TryRead(out _);
                batch.Add(next);
                if (next is ProviderCall)
                {
                    break;
                }
            }

            if (batch is [ProviderCall call])
            {
                call.RunAlone();
            }
            else
            {
                Commit(batch);
            }

            batch.Clear();
        }
    }

    private void Commit(List<Pending> batch)
    {
        var began = Stopwatch.GetTimestamp();
        foreach (var pending in batch)
        {
            Waited.Record(Stopwatch.GetElapsedTime(pending.Queued, began).TotalMilliseconds, _serviceTag);
        }

        try
        {
            var statements = _statements ??= Statements.Open(_connectionString);
            using (var transaction = statements.Connection.BeginTransaction(deferred: false))
            {
                foreach (var pending in batch)
                {
                    ((RowWrite)pending).Execute(statements, transaction);
                }

                transaction.Commit();
            }

            Held.Record(Stopwatch.GetElapsedTime(began).TotalMilliseconds, _serviceTag);
            Batched.Record(batch.Count, _serviceTag);
            foreach (var pending in batch)
            {
                ((RowWrite)pending).Committed();
            }
        }
        catch (Exception exception)
        {
            // Nothing of the batch is stored (the transaction rolled back, or never began): every write in it fails,
            // and the connection is opened afresh for the next one.
            LogBatchFailed(_logger, exception, batch.Count);
            _statements?.Dispose();
            _statements = null;
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The embedded store did not commit a transaction of {Count} grain-state writes; each of them fails.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded store's writer did not stop within 30 seconds.")]
    private static partial void LogWriterDidNotStop(ILogger logger);

    /// <summary>One queued operation, answered once it is stored (or has failed).</summary>
    private abstract class Pending
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Queued { get; } = Stopwatch.GetTimestamp();

        public Task Completion => _done.Task;

        protected void Succeed() => _done.TrySetResult();

        public void Fail(Exception exception) => _done.TrySetException(exception);
    }

    /// <summary>A call left to the provider (it runs between two of our transactions, never beside one).</summary>
    private sealed class ProviderCall(Func<Task> call) : Pending
    {
        public void RunAlone()
        {
            try
            {
                call().GetAwaiter().GetResult();
                Succeed();
            }
            catch (Exception exception)
            {
                Fail(exception);
            }
        }
    }

    /// <summary>A write or clear of one row, executed inside a batch's transaction.</summary>
    private abstract class RowWrite : Pending
    {
        public abstract void Execute(Statements statements, SqliteTransaction transaction);

        /// <summary>The transaction holding the write has committed: answer the caller.</summary>
        public abstract void Committed();
    }

    private sealed class RowWrite<T>(
        GroupCommitGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload, bool clear) : RowWrite
    {
        // Computed on the caller's thread, as the payload is.
        private readonly AdoNetStorageRow _row = AdoNetStorageRow.Of(stateName, grainId);
        private readonly int? _expected = AdoNetStorageRow.VersionOf(grainState.ETag);
        private int? _stored;

        public override void Execute(Statements statements, SqliteTransaction transaction)
        {
            var row = _row;
            var command = clear ? statements.Clear : _expected is null ? statements.Insert : statements.Update;
            command.Transaction = transaction;
            var p = command.Parameters;
            p["@GrainIdHash"].Value = row.GrainIdHash;
            p["@GrainIdN0"].Value = row.GrainIdN0;
            p["@GrainIdN1"].Value = row.GrainIdN1;
            p["@GrainTypeHash"].Value = row.GrainTypeHash;
            p["@GrainTypeString"].Value = row.GrainTypeString;
            p["@GrainIdExtensionString"].Value = (object?)row.GrainIdExtensionString ?? DBNull.Value;
            p["@ServiceId"].Value = storage._serviceId;
            if (!clear)
            {
                p["@PayloadBinary"].Value = payload!;
            }

            if (_expected is not null || clear)
            {
                p["@GrainStateVersion"].Value = (object?)_expected ?? DBNull.Value;
            }

            // No row back: the insert met a row that exists, or the version moved on (another activation wrote).
            var result = command.ExecuteScalar();
            _stored = result is null or DBNull ? null : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
        }

        public override void Committed()
        {
            if (_stored is not int version)
            {
                Fail(new InconsistentStateException(
                    $"Version conflict ({(clear ? "ClearState" : "WriteState")}): ServiceId={storage._serviceId} GrainType={stateName} GrainId={grainId} ETag={grainState.ETag}.",
                    storedEtag: null, currentEtag: grainState.ETag));
                return;
            }

            grainState.ETag = AdoNetStorageRow.ETagOf(version);
            if (clear)
            {
                grainState.RecordExists = false;
                grainState.State = storage._activators.GetActivator<T>().Create();
            }
            else
            {
                grainState.RecordExists = true;
            }

            Succeed();
        }
    }

    /// <summary>The writer's connection and its prepared statements.</summary>
    private sealed class Statements : IDisposable
    {
        private Statements(SqliteConnection connection)
        {
            Connection = connection;
            Insert = Prepare(InsertText, payload: true, version: false);
            Update = Prepare(UpdateText, payload: true, version: true);
            Clear = Prepare(ClearText, payload: false, version: true);
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Insert { get; }

        public SqliteCommand Update { get; }

        public SqliteCommand Clear { get; }

        public static Statements Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    // Another writer of the file (the reminders, the identity store's migrations) is waited for by
                    // SQLite's own busy handler, in steps of a few milliseconds, before a statement reports it busy.
                    pragma.CommandText = "PRAGMA busy_timeout = 30000;";
                    pragma.ExecuteNonQuery();
                }

                return new Statements(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Insert.Dispose();
            Update.Dispose();
            Clear.Dispose();
            Connection.Dispose();
        }

        private SqliteCommand Prepare(string text, bool payload, bool version)
        {
            var command = Connection.CreateCommand();
            command.CommandText = text;
            command.Parameters.Add("@GrainIdHash", SqliteType.Integer);
            command.Parameters.Add("@GrainIdN0", SqliteType.Integer);
            command.Parameters.Add("@GrainIdN1", SqliteType.Integer);
            command.Parameters.Add("@GrainTypeHash", SqliteType.Integer);
            command.Parameters.Add("@GrainTypeString", SqliteType.Text);
            command.Parameters.Add("@GrainIdExtensionString", SqliteType.Text);
            command.Parameters.Add("@ServiceId", SqliteType.Text);
            if (payload)
            {
                command.Parameters.Add("@PayloadBinary", SqliteType.Blob);
            }

            if (version)
            {
                command.Parameters.Add("@GrainStateVersion", SqliteType.Integer);
            }

            return command;
        }
    }
}
