using System.Data.Common;
using System.Globalization;
using LbcCommunity.Grains;
using LbcCommunity.Host.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LbcCommunity.Host.Tests.Storage;

/// <summary>
/// What the grain store promises, run against each real database by the derived classes.
/// </summary>
public abstract class GrainStorageBehaviour
{
    /// <summary>A store of its own (fresh SQLite file, or a fresh service id on the fixture's database).</summary>
    private protected abstract StorageOptions NewStore();

    [Fact]
    public async Task Grain_state_survives_a_silo_restart()
    {
        var options = NewStore();
        var first = await TestSilo.StartAsync(options);
        try
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("team-1").Remember("depth 3");
        }
        finally
        {
            await TestSilo.StopAsync(first);
        }

        var second = await TestSilo.StartAsync(TestSilo.OnNewPorts(options));
        try
        {
            var recalled = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("team-1").Recall();
            Assert.Equal("depth 3", recalled);
            Assert.Equal(1, await CountStorageRowsAsync(options));
        }
        finally
        {
            await TestSilo.StopAsync(second);
        }
    }

    [Fact]
    public async Task A_writer_with_a_stale_etag_gets_InconsistentStateException_and_the_first_write_stands()
    {
        var options = NewStore();
        var host = await TestSilo.StartAsync(options);
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            var grainId = GrainId.Create("storageprobe", "stale");
            var initial = new GrainState<StorageProbeState>(new StorageProbeState { Value = "initial" });
            await storage.WriteStateAsync("probe", grainId, initial);
            Assert.False(string.IsNullOrEmpty(initial.ETag));

            // Both writers read the same version, as two activations of one grain would.
            var firstWriter = new GrainState<StorageProbeState>(new StorageProbeState { Value = "first" }, initial.ETag) { RecordExists = true };
            var staleWriter = new GrainState<StorageProbeState>(new StorageProbeState { Value = "stale" }, initial.ETag) { RecordExists = true };

            await storage.WriteStateAsync("probe", grainId, firstWriter);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grainId, staleWriter));

            var stored = new GrainState<StorageProbeState>();
            await storage.ReadStateAsync("probe", grainId, stored);
            Assert.Equal("first", stored.State?.Value);
            Assert.Equal(firstWriter.ETag, stored.ETag);
            Assert.Equal(1, await CountStorageRowsAsync(options));
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }
    }

    [Fact]
    public async Task Two_racing_first_writes_leave_one_row_and_the_loser_gets_InconsistentStateException()
    {
        const int Grains = 8;
        var options = NewStore();
        var host = await TestSilo.StartAsync(options);
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            for (var i = 0; i < Grains; i++)
            {
                var grainId = GrainId.Create("storageprobe", "race-" + i.ToString(CultureInfo.InvariantCulture));
                var writerA = new GrainState<StorageProbeState>(new StorageProbeState { Value = "A" });
                var writerB = new GrainState<StorageProbeState>(new StorageProbeState { Value = "B" });
                using var start = new Barrier(2);
                var writes = new[] { writerA, writerB }
                    .Select(writer => Task.Run(async () =>
                    {
                        start.SignalAndWait();
                        try
                        {
                            await storage.WriteStateAsync("probe", grainId, writer);
                            return (Writer: writer, Error: (Exception?)null);
                        }
                        catch (Exception exception)
                        {
                            return (Writer: writer, Error: exception);
                        }
                    }))
                    .ToArray();
                var outcomes = await Task.WhenAll(writes);

                var winners = outcomes.Where(outcome => outcome.Error is null).ToList();
                var losers = outcomes.Where(outcome => outcome.Error is not null).ToList();
                Assert.Single(winners);
                Assert.Single(losers);
                Assert.IsType<InconsistentStateException>(losers[0].Error);

                var stored = new GrainState<StorageProbeState>();
                await storage.ReadStateAsync("probe", grainId, stored);
                Assert.Equal(winners[0].Writer.State?.Value, stored.State?.Value);
            }

            Assert.Equal(Grains, await CountStorageRowsAsync(options));
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }
    }

    [Fact]
    public async Task A_reminder_survives_a_silo_restart()
    {
        var options = NewStore();
        var first = await TestSilo.StartAsync(options);
        var registeredAfter = DateTime.UtcNow;
        DateTime registeredBefore;
        try
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("convening-1").SetReminder("close-round");
            registeredBefore = DateTime.UtcNow;
        }
        finally
        {
            await TestSilo.StopAsync(first);
        }

        var second = await TestSilo.StartAsync(TestSilo.OnNewPorts(options));
        try
        {
            var grain = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("convening-1");
            Assert.True(await grain.HasReminder("close-round"));
            Assert.False(await grain.HasReminder("never-registered"));

            // The grain asked for its first tick an hour after registering; the stored time must not drift.
            var entry = await second.Services.GetRequiredService<IReminderTable>()
                .ReadRow(GrainId.Create("storageprobe", "convening-1"), "close-round");
            Assert.NotNull(entry);
            Assert.InRange(entry.StartAt, registeredAfter.AddHours(1).AddSeconds(-1), registeredBefore.AddHours(1).AddSeconds(1));
            Assert.Equal(TimeSpan.FromHours(1), entry.Period);
            Assert.Equal(1, await CountRemindersAsync(options));
        }
        finally
        {
            await TestSilo.StopAsync(second);
        }
    }

    /// <summary>The grain states stored for this store's service id, counted in the store itself rather than through the provider.</summary>
    private protected virtual Task<long> CountStorageRowsAsync(StorageOptions options) => CountRowsAsync(options, "OrleansStorage");

    /// <summary>The reminders stored for this store's service id, counted in the store itself.</summary>
    private protected virtual Task<long> CountRemindersAsync(StorageOptions options) => CountRowsAsync(options, "OrleansRemindersTable");

    /// <summary>Rows of this store's service id, read with raw SQL rather than through the provider.</summary>
    private static async Task<long> CountRowsAsync(StorageOptions options, string table)
    {
        await using var connection = await StorageConnections.OpenAsync(options, createIfMissing: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE ServiceId = @serviceId";
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = "serviceId";
        parameter.Value = options.ServiceId;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
