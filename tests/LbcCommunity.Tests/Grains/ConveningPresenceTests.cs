using System.Net;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>Presence is per connection: a participant is here while any of their hub connections is open on a live silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConveningPresenceTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>A silo this cluster never had, older than its silos: what a crashed host's address looks like to them.</summary>
    private static readonly SiloAddress DeadSilo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1);

    private SiloAddress LiveSilo => fixture.Cluster.Primary!.SiloAddress;

    [Fact]
    public async Task A_participant_on_two_connections_stays_present_when_one_closes_and_leaves_with_the_last()
    {
        var (state, convening, facilitator, parent) = await NewConvening();
        TenantScope.Enter(state);
        await convening.Connect(parent, "parent-phone", LiveSilo);
        await convening.Connect(parent, "parent-laptop", LiveSilo);
        var mark = (await convening.GetSnapshot(facilitator)).Sequence;

        await convening.Disconnect(parent, "parent-phone");
        var afterOne = await convening.GetSnapshot(facilitator);
        await convening.Disconnect(parent, "parent-laptop");
        var afterBoth = await convening.GetSnapshot(facilitator);

        Assert.Contains(parent, afterOne.Present);
        Assert.Equal(mark, afterOne.Sequence);
        Assert.DoesNotContain(parent, afterBoth.Present);
        var left = Assert.Single((await convening.EventsAfter(facilitator, mark))!);
        Assert.Equal((ConveningEventTypes.PresenceChanged, parent, false), (left.Type, left.ActorId, left.Present));
    }

    [Fact]
    public async Task Connections_on_a_silo_declared_dead_are_gone_and_a_new_activation_forgets_them_too()
    {
        var (state, convening, facilitator, parent) = await NewConvening();
        TenantScope.Enter(state);
        await convening.Connect(facilitator, "facilitator-laptop", LiveSilo);
        await convening.Connect(parent, "parent-on-the-dead-host", DeadSilo);
        var mark = (await convening.GetSnapshot(facilitator)).Sequence;

        await convening.SilosDied([DeadSilo]);
        var afterDeath = await convening.GetSnapshot(facilitator);
        // Back on a connection to the dead host's address (the convening has not heard), then the convening moves.
        await convening.Connect(parent, "parent-again", DeadSilo);
        await ClusterFixture.Deactivate(convening);
        TenantScope.Enter(state);
        var reactivated = await convening.GetSnapshot(facilitator);

        Assert.Equal([facilitator], afterDeath.Present);
        Assert.Equal([facilitator], reactivated.Present);
        var events = (await convening.EventsAfter(facilitator, mark))!;
        Assert.Equal([(ConveningEventTypes.PresenceChanged, false), (ConveningEventTypes.PresenceChanged, true), (ConveningEventTypes.PresenceChanged, false)], events.Select(e => (e.Type, e.Present!.Value)));
        Assert.All(events, e => Assert.Equal(parent, e.ActorId));
    }

    /// <summary>A team convening its facilitator and a parent joined (the caller enters the returned tenant: it does not flow back).</summary>
    private async Task<(string State, IConveningGrain Convening, string Facilitator, string Parent)> NewConvening()
    {
        var world = await GrainWorld.NewTeamConvening(_grains, "presence-day", ActivityKind.ConsensusBuilding,
            new("Facilitator", StakeholderRole.DistrictAdministrator, IsFacilitator: true), new("Parent", StakeholderRole.FamilyMember));
        return (world.TenantId, world.Convening, world.ParticipantIds[0], world.ParticipantIds[1]);
    }
}
