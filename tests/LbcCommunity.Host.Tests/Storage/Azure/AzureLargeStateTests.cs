using System.Globalization;
using Azure.Data.Tables;
using LbcCommunity.Convenings;
using LbcCommunity.Grains;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>The shape of a convening's people record (participants, who is here, their connections), public for the test.</summary>
[GenerateSerializer]
public sealed class PeopleProbeState
{
    [Id(0)] public List<Participant> Participants { get; set; } = [];

    [Id(1)] public List<string> Present { get; set; } = [];

    [Id(2)] public List<string> Connections { get; set; } = [];
}

/// <summary>
/// Why grain state is in Blob storage and not Table storage: a convening's people record grows by about 170 bytes a
/// participant (864 KB at 5,000 in this shape), and a little past 5,000 it is over what the table provider holds in one
/// entity (15 properties of 64 KB); a blob holds it whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureLargeStateTests(Azurite azurite, PostgresFixture postgres)
{
    private const int Participants = 6_000;
    private const int TableProviderLimit = 15 * 64 * 1024;
    private const string TableProvider = "table-probe";

    [Fact]
    public async Task A_6000_participant_people_record_is_stored_whole_in_a_blob_and_reloads_but_the_table_provider_refuses_it()
    {
        var options = TestSilo.AzureOptions(azurite.ConnectionString, postgres.ConnectionString, "large-" + Guid.NewGuid().ToString("N"));
        var people = PeopleOf(Participants);
        var grainId = GrainId.Create("conveninggrain", "state-ga/big-convening");
        var host = await TestSilo.StartAsync(options, silo => silo.AddAzureTableGrainStorage(TableProvider, (OptionsBuilder<AzureTableStorageOptions> table) =>
            table.Configure<Serializer>((store, serializer) =>
            {
                store.TableServiceClient = new TableServiceClient(azurite.ConnectionString);
                store.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            })));
        try
        {
            var size = host.Services.GetRequiredService<Serializer>().SerializeToArray(people).Length;
            Assert.True(size > TableProviderLimit, $"the record is {size} bytes, no more than the table provider's {TableProviderLimit}");

            var blobs = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
            var written = new GrainState<PeopleProbeState>(people);
            await blobs.WriteStateAsync("people", grainId, written);
            var table = host.Services.GetRequiredKeyedService<IGrainStorage>(TableProvider);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => table.WriteStateAsync("people", grainId, new GrainState<PeopleProbeState>(people)));
            Assert.Contains("too large", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await TestSilo.StopAsync(host);
        }

        // Another silo (a restart) reads it back whole.
        var again = await TestSilo.StartAsync(TestSilo.OnNewPorts(options));
        try
        {
            var read = new GrainState<PeopleProbeState>();
            await again.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains).ReadStateAsync("people", grainId, read);
            Assert.True(read.RecordExists);
            Assert.NotNull(read.State);
            Assert.Equal(people.Participants, read.State.Participants);
            Assert.Equal(people.Present, read.State.Present);
            Assert.Equal(people.Connections, read.State.Connections);
        }
        finally
        {
            await TestSilo.StopAsync(again);
        }
    }

    /// <summary>As a large live convening has them: guests with display names and a join code, all present, one connection each.</summary>
    private static PeopleProbeState PeopleOf(int count)
    {
        var people = new PeopleProbeState();
        for (var i = 0; i < count; i++)
        {
            var id = "p-" + Guid.NewGuid().ToString("N")[..10];
            people.Participants.Add(new Participant
            {
                Id = id,
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"Guest {i} of the Chattahoochee-Flint district family council"),
                StakeholderRole = StakeholderRole.FamilyMember,
                IsFacilitator = false,
                IsGuest = true,
                JoinCodeId = "code-" + (i % 20).ToString(CultureInfo.InvariantCulture),
            });
            people.Present.Add(id);
            people.Connections.Add(string.Create(CultureInfo.InvariantCulture, $"{id}|{Guid.NewGuid():N}|S127.0.0.1:{11111 + (i % 2)}:{123456789 + (i % 2)}"));
        }

        return people;
    }
}
