using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>Sets up tenants for grain tests; each test gets tenants of its own.</summary>
internal static class GrainWorld
{
    public static async Task<string> NewTenant(IGrainFactory grains)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        TenantScope.EnterPlatform();
        await grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).Add(id);
        await grains.GetGrain<ITenantGrain>(id).Create(new TenantDraft { Id = id, Name = $"State {id}", StateCode = "GA" });
        return id;
    }

    /// <summary>
    /// A tenant with region "west", district "meriwether" and initiative "graduatefirst". The caller enters the tenant
    /// itself afterwards: a RequestContext value set inside an awaited method does not flow back out of it.
    /// </summary>
    public static async Task<string> NewStateWithInitiative(IGrainFactory grains)
    {
        var id = await NewTenant(grains);
        TenantScope.Enter(id);
        var tenant = grains.GetGrain<ITenantGrain>(id);
        await tenant.AddRegion(new RegionDraft { Id = "west", Name = "West Georgia RESA" });
        await tenant.AddDistrict(new DistrictDraft { Id = "meriwether", Name = "Meriwether County", RegionId = "west" });
        await tenant.StartInitiative(new InitiativeDraft { Id = "graduatefirst", Name = "GraduateFIRST" });
        return id;
    }

    /// <summary>
    /// A new state whose team "cafe" plans convening <paramref name="conveningId"/> of one activity, which
    /// <paramref name="people"/> join in order (added to the roster first). The caller enters the returned tenant itself.
    /// </summary>
    public static async Task<TeamConvening> NewTeamConvening(IGrainFactory grains, string conveningId, ActivityKind activity, params TeamPerson[] people)
    {
        var state = await NewStateWithInitiative(grains);
        TenantScope.Enter(state);
        var team = await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var roster = grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id));
        var convening = grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, conveningId));
        await convening.Create(new ConveningDraft
        {
            Id = conveningId,
            Title = $"Convening {conveningId}",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = team.Id,
            Agenda = [new AgendaItemDraft { Kind = activity, Title = activity.ToString() }],
        });
        var joined = new List<string>();
        foreach (var person in people)
        {
            var member = await roster.AddMember(new MemberDraft { DisplayName = person.Name, StakeholderRole = person.Role, IsFacilitator = person.IsFacilitator });
            joined.Add((await convening.Join(new JoinRequest { MemberId = member.Id })).Participant.Id);
        }

        return new TeamConvening(state, convening, joined);
    }
}

/// <summary>A member to add to a test team's roster and join to its convening.</summary>
internal sealed record TeamPerson(string Name, StakeholderRole Role, bool IsFacilitator = false);

/// <summary>A test team's convening and the participant ids of its people, in the order given.</summary>
internal sealed record TeamConvening(string TenantId, IConveningGrain Convening, IReadOnlyList<string> ParticipantIds);
