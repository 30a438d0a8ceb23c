using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using LbcCommunity.Grains;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace LbcCommunity.Host.Tests.Storage;

/// <summary>
/// The embedded store's group-commit writer (<see cref="GroupCommitGrainStorage"/>): its rows are the ADO.NET
/// provider's, writes queued together share a transaction, and a write is acknowledged exactly when it is stored.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public static TheoryData<string> GrainIds() => new()
    {
        "storageprobe/team-1",                                   // a string key, as every grain of the product has
        "storageprobe/" + Guid.Parse("6f1c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5").ToString("N"),
        "storageprobe/" + Guid.Parse("00000000-0000-0000-0000-0000000000aa").ToString("N") + "+ext/ñ",
        "storageprobe/" + 42L.ToString("x16", CultureInfo.InvariantCulture),
        "storageprobe/" + (-7L).ToString("x16", CultureInfo.InvariantCulture) + "+room-3",
    };

    [Theory]
    [MemberData(nameof(GrainIds))]
    public async Task What_the_writer_stores_the_provider_reads_and_the_other_way_round(string grainIdText)
    {
        var grainId = GrainId.Parse(grainIdText, CultureInfo.InvariantCulture);
        var host = await TestSilo.StartAsync(NewStore());
        try
        {
            var writer = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            var provider = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.EmbeddedProviderName);
            Assert.IsType<GroupCommitGrainStorage>(writer);

            // Written by ours, read by the provider.
            var first = new GrainState<StorageProbeState>(new StorageProbeState { Value = "ours" });
            await writer.WriteStateAsync("probe", grainId, first);
            var read = new GrainState<StorageProbeState>();
            await provider.ReadStateAsync("probe", grainId, read);
            Assert.Equal("ours", read.State?.Value);
            Assert.Equal(first.ETag, read.ETag);
            Assert.True(read.RecordExists);

            // Written by the provider with that version, then by ours with the provider's new one.
            read.State = new StorageProbeState { Value = "provider's" };
            await provider.WriteStateAsync("probe", grainId, read);
            Assert.NotEqual(first.ETag, read.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => writer.WriteStateAsync("probe", grainId, first));
            var again = new GrainState<StorageProbeState>(new StorageProbeState { Value = "ours again" }, read.ETag) { RecordExists = true };
            await writer.WriteStateAsync("probe", grainId, again);

            var last = new GrainState<StorageProbeState>();
            await provider.ReadStateAsync("probe", grainId, last);
            Assert.Equal("ours again", last.State?.Value);
            Assert.Equal(again.ETag, last.ETag);

            // Cleared by ours: the provider reads no record, and a write with the cleared version goes on.
            await writer.ClearStateAsync("probe", grainId, again);
            Assert.False(again.RecordExists);
            Assert.Null(again.State?.Value);
            var cleared = new GrainState<StorageProbeState>();
            await provider.ReadStateAsync("probe", grainId, cleared);
            Assert.False(cleared.RecordExists);
            Assert.Equal(again.ETag, cleared.ETag);
            await writer.WriteStateAsync("probe", grainId, again);
            Assert.True(again.RecordExists);

            Assert.Equal("1", await StoreQueries.DescribeAsync(TestSilo.OnNewPorts(Options(host)), "SELECT count(*) FROM OrleansStorage"));
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }
    }

    [Fact]
    public async Task Writes_queued_together_are_committed_together_and_each_is_stored()
    {
        const int Writes = 300;
        var batches = new ConcurrentBag<int>();
        var options = NewStore();
        using var listener = ListenToBatches(options.ServiceId, batches);
        var host = await TestSilo.StartAsync(options);
        try
        {
            var writer = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            var states = Enumerable.Range(0, Writes)
                .Select(i => (Id: GrainId.Create("storageprobe", "many-" + i.ToString(CultureInfo.InvariantCulture)),
                              State: new GrainState<StorageProbeState>(new StorageProbeState { Value = "v" + i.ToString(CultureInfo.InvariantCulture) })))
                .ToList();
            await Task.WhenAll(states.Select(s => Task.Run(() => writer.WriteStateAsync("probe", s.Id, s.State))));

            Assert.Equal(Writes, batches.Sum());
            Assert.True(batches.Count < Writes, $"{Writes} concurrent writes took {batches.Count} transactions: none were grouped.");
            foreach (var (id, state) in states)
            {
                var stored = new GrainState<StorageProbeState>();
                await writer.ReadStateAsync("probe", id, stored);
                Assert.Equal(state.State?.Value, stored.State?.Value);
                Assert.Equal("1", stored.ETag);
            }
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }
    }

    [Fact]
    public async Task A_transaction_that_fails_fails_every_write_in_it_and_stores_none_of_them()
    {
        var options = NewStore();
        var host = await TestSilo.StartAsync(options);
        try
        {
            var writer = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            await writer.WriteStateAsync("probe", GrainId.Create("storageprobe", "warm-up"), new GrainState<StorageProbeState>(new StorageProbeState()));

            // The store refuses one grain's row, as a full disk or a broken file would refuse a commit.
            await using (var connection = new SqliteConnection(StorageConnections.SqliteConnectionString(options)))
            {
                await connection.OpenAsync();
                await using var trigger = connection.CreateCommand();
                trigger.CommandText = """
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON OrleansStorage
                    WHEN NEW.GrainIdExtensionString = 'poison'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                    """;
                await trigger.ExecuteNonQueryAsync();
            }

            var names = Enumerable.Range(0, 120).Select(i => "w-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            names.Insert(60, "poison");
            var writes = names
                .Select(name => (Name: name, State: new GrainState<StorageProbeState>(new StorageProbeState { Value = name })))
                .ToList();
            var outcomes = await Task.WhenAll(writes.Select(w => Task.Run(async () =>
            {
                try
                {
                    await writer.WriteStateAsync("probe", GrainId.Create("storageprobe", w.Name), w.State);
                    return (w.Name, w.State, Error: (Exception?)null);
                }
                catch (Exception exception)
                {
                    return (w.Name, w.State, Error: exception);
                }
            })));

            Assert.Contains(outcomes, o => o.Name == "poison" && o.Error is SqliteException);
            foreach (var (name, state, error) in outcomes)
            {
                var stored = new GrainState<StorageProbeState>();
                await writer.ReadStateAsync("probe", GrainId.Create("storageprobe", name), stored);
                // Acknowledged exactly when stored: a failed write left nothing, and its state keeps its old version.
                Assert.Equal(error is null, stored.RecordExists);
                Assert.Equal(error is null ? name : null, stored.State?.Value);
                Assert.Equal(error is null ? "1" : null, state.ETag);
            }

            // The writer goes on after a failed transaction.
            var after = new GrainState<StorageProbeState>(new StorageProbeState { Value = "after" });
            await writer.WriteStateAsync("probe", GrainId.Create("storageprobe", "after"), after);
            Assert.Equal("1", after.ETag);
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }
    }

    public void Dispose() => _folder.Dispose();

    private StorageOptions NewStore() => TestSilo.SqliteOptions(_folder.Path, "svc-" + Guid.NewGuid().ToString("N"));

    private static StorageOptions Options(IHost host) => host.Services.GetRequiredService<StorageOptions>();

    /// <summary>The batch sizes of one store's writer (other tests' silos in this process write beside it).</summary>
    private static MeterListener ListenToBatches(string serviceId, ConcurrentBag<int> batches)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GroupCommitGrainStorage.MeterName && instrument.Name == "lbc.storage.write.batch")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == GroupCommitGrainStorage.ServiceTag && Equals(tag.Value, serviceId))
                {
                    batches.Add(value);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
