using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The plan before the convening begins: changed as a whole (title, start, agenda with each activity's settings), and
/// the names its settings use checked against the owner's roster and rubric, which only the grain can read.
/// </summary>
internal sealed partial class ConveningGrain
{
    public async Task<Convening> UpdatePlan(ConveningPlanDraft draft)
    {
        var current = Current;
        ConveningRules.Validate(draft, current.OwnerKind, time.GetUtcNow());
        // What is stored decides whether it has begun, not an action applied in memory whose write may yet fail.
        await AllStored();
        if (Status() != ConveningStatus.Planned)
        {
            throw AgendaRules.Begun(State.Ended);
        }

        await CheckPlanNames(current.OwnerKind, current.OwnerId, draft.Agenda!);
        var changed = current with
        {
            Title = draft.Title!.Trim(),
            StartsAt = draft.StartsAt,
            Agenda = AgendaRules.ToAgenda(draft.Agenda!),
            SppAprTopics = SppAprRules.Normalize(draft.SppAprTopics),
        };
        return await Relisted(changed, ListingOf(changed, ConveningStatus.Planned), async () =>
        {
            State.Convening = changed;
            await Save();
            return changed;
        });
    }

    /// <summary>
    /// Records how and when the results went back to the stakeholders: at any time once the convening exists, a later
    /// record replacing the earlier one (the summary shows the latest).
    /// </summary>
    public async Task<ResultsShared> RecordResultsShared(ResultsSharedDraft draft, string recordedBy)
    {
        var current = Current;
        var now = time.GetUtcNow();
        SppAprRules.Validate(draft, State.StartedAt ?? current.CreatedAt, now);
        await AllStored();
        var shared = new ResultsShared { How = draft.How!.Trim(), SharedAt = draft.SharedAt!.Value, RecordedAt = now, RecordedBy = recordedBy };
        State.ResultsShared = shared;
        await Save();
        return shared;
    }

    /// <summary>Reads the roster and the rubric only when a setting names a host or a row.</summary>
    private async Task CheckPlanNames(ConveningOwnerKind owner, string ownerId, IReadOnlyList<AgendaItemDraft> agenda)
    {
        var namesHosts = agenda.Any(i => i.Cafe?.Tables is { Count: > 0 });
        var namesRows = agenda.Any(i => i.DepthPoll?.RowIds is { Count: > 0 });
        if (!namesHosts && !namesRows)
        {
            return;
        }

        IReadOnlySet<string> members = namesHosts && owner != ConveningOwnerKind.Initiative
            ? (await Roster(owner, ownerId).ListMembers()).Select(m => m.Id).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
        IReadOnlySet<string>? rows = namesRows && owner == ConveningOwnerKind.Team ? await RubricRowIds(ownerId) : null;
        AgendaRules.CheckNames(agenda, members, rows);
    }

    /// <summary>The rows of the rubric the team is rated on: its initiative's version.</summary>
    private async Task<IReadOnlySet<string>?> RubricRowIds(string teamId)
    {
        if (await Team(teamId).TryGet() is not { } team
            || await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, team.InitiativeId)).TryGet() is not { } initiative)
        {
            return null;
        }

        var rubric = await grains.GetGrain<IRubricCatalogGrain>(TenantId).GetVersion(initiative.RubricVersion);
        return rubric.Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }
}
