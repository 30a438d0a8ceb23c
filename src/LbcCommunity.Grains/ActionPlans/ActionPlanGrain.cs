using LbcCommunity.ActionPlans;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Grains.Notifications;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Grains.ActionPlans;

[GenerateSerializer]
internal sealed class ActionPlanState
{
    [Id(0)] public List<PlanGoal> Goals { get; set; } = [];

    [Id(1)] public List<PlanAction> Actions { get; set; } = [];

    [Id(2)] public long Version { get; set; }

    /// <summary>The reminder notices sent (<see cref="ActionPlanRules.NoticeKey"/>), oldest first, the newest few thousand.</summary>
    [Id(3)] public List<string> SentNotices { get; set; } = [];

    /// <summary>Whether the plan's durable reminder is registered.</summary>
    [Id(4)] public bool ReminderRegistered { get; set; }
}

/// <summary>
/// A team's or community's action plan (<see cref="IActionPlanGrain"/>). Every change is checked whole by
/// <see cref="ActionPlanRules"/> against the roster and the rubric, then stored before it is answered; a refused change
/// (one bad change of a bulk edit, one bad row of an import) changes nothing.
/// </summary>
internal sealed partial class ActionPlanGrain(
    [PersistentState("action-plan", StorageNames.Grains)] IPersistentState<ActionPlanState> state,
    IGrainFactory grains,
    IOptions<NotificationOptions> options,
    ILogger<ActionPlanGrain> logger,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<ActionPlanState>(state), IActionPlanGrain, IRemindable
{
    private string Key => field ??= this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    /// <summary>The owner from the key: <c>{tenant}/team/{id}</c> or <c>{tenant}/community/{id}</c>.</summary>
    private (ConveningOwnerKind Kind, string Id) Owner
    {
        get
        {
            var rest = GrainKeys.LocalIdOf(Key);
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return (rest[..slash] == "team" ? ConveningOwnerKind.Team : ConveningOwnerKind.Community, rest[(slash + 1)..]);
        }
    }

    private IMemberRosterGrain Roster => Owner.Kind == ConveningOwnerKind.Team
        ? grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, Owner.Id))
        : grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, Owner.Id));

    public async Task<ActionPlanView> GetPlan()
    {
        _ = await Members();
        return View();
    }

    public async Task<PlanGoal> SaveGoal(GoalDraft draft, bool creating)
    {
        ActionPlanRules.Validate(draft, await RowIds());
        var now = time.GetUtcNow();
        var index = draft.Id is null ? -1 : State.Goals.FindIndex(g => g.Id == draft.Id);
        RequireCreatingOrFound(creating, index >= 0, "Goal", draft.Id);
        if (index < 0 && State.Goals.Count >= ActionPlanRules.MaxGoals)
        {
            throw DomainValidationException.For("id", $"A plan holds at most {ActionPlanRules.MaxGoals} goals.");
        }

        var goal = new PlanGoal
        {
            Id = draft.Id ?? OrganizationRules.NewId(),
            Title = draft.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            RowIds = [.. draft.RowIds ?? []],
            CreatedAt = index < 0 ? now : State.Goals[index].CreatedAt,
            UpdatedAt = now,
        };
        if (index < 0)
        {
            State.Goals.Add(goal);
        }
        else
        {
            State.Goals[index] = goal;
        }

        await Changed();
        return goal;
    }

    public async Task<PlanAction> SaveAction(ActionDraft draft, bool creating)
    {
        var members = await Members();
        var existing = draft.Id is null ? null : State.Actions.Find(a => a.Id == draft.Id);
        RequireCreatingOrFound(creating, existing is not null, "Action", draft.Id);
        var v = new Validator();
        ActionPlanRules.Check(v, draft, GoalIds(), members.Keys.ToHashSet(StringComparer.Ordinal), ownerRequired: existing is not { OwnerIsGuest: true });
        if (existing is null && State.Actions.Count >= ActionPlanRules.MaxActions)
        {
            v.Add("id", $"A plan holds at most {ActionPlanRules.MaxActions} actions.");
        }

        v.ThrowIfInvalid();
        var action = Apply(existing, draft, members, time.GetUtcNow());
        Put(action);
        await Changed();
        return action;
    }

    public async Task<PlanAction> UpdateProgress(string actionId, ActionProgressDraft draft, PlanActor actor)
    {
        ActionPlanRules.Validate(draft);
        var index = State.Actions.FindIndex(a => a.Id == actionId);
        if (index < 0)
        {
            _ = await Members();
            throw new EntityNotFoundException("Action", actionId);
        }

        var action = State.Actions[index];
        if (!actor.IsFacilitator && (actor.MemberId is null || actor.MemberId != action.OwnerMemberId))
        {
            throw new AccessDeniedException("Only the action's owner (or a facilitator) says where it stands.");
        }

        var now = time.GetUtcNow();
        var notes = string.IsNullOrWhiteSpace(draft.Notes) ? null : draft.Notes.Trim();
        var updated = ActionPlanRules.WithStatus(action, draft.Status!.Value, now);
        updated = updated.Notes == notes ? updated : updated with { Notes = notes, UpdatedAt = now };
        if (updated != action)
        {
            State.Actions[index] = updated;
            await Changed();
        }

        return updated;
    }

    public async Task<IReadOnlyList<PlanAction>> SetStatuses(StatusChangesDraft draft)
    {
        _ = await Members();
        ActionPlanRules.Validate(draft, State.Actions.Select(a => a.Id).ToHashSet(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        var changed = new List<PlanAction>();
        foreach (var change in draft.Changes!)
        {
            var index = State.Actions.FindIndex(a => a.Id == change!.ActionId);
            State.Actions[index] = ActionPlanRules.WithStatus(State.Actions[index], change!.Status!.Value, now);
            changed.Add(State.Actions[index]);
        }

        await Changed();
        return changed;
    }

    public async Task<ImportResult> Import(IReadOnlyList<ImportRow> rows)
    {
        var members = await Members();
        var memberIds = members.Keys.ToHashSet(StringComparer.Ordinal);
        var v = new Validator();
        if (rows.Count == 0 || rows.Count > ActionPlanRules.MaxChanges)
        {
            v.Add("rows", $"An import holds 1–{ActionPlanRules.MaxChanges} rows.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        foreach (var row in rows)
        {
            var prefix = $"rows[{row.Row}].";
            var existing = row.Action.Id is null ? null : State.Actions.Find(a => a.Id == row.Action.Id);
            ActionPlanRules.Check(v, row.Action, GoalIds(), memberIds, ownerRequired: existing is not { OwnerIsGuest: true }, prefix, csvColumns: true);
            if (row.Action.Id is { } id && !ids.Add(id))
            {
                v.Add($"{prefix}id", $"Action '{id}' is in the file twice.");
            }

            added += existing is null ? 1 : 0;
        }

        if (State.Actions.Count + added > ActionPlanRules.MaxActions)
        {
            v.Add("rows", $"A plan holds at most {ActionPlanRules.MaxActions} actions.");
        }

        // Every row is checked before any is applied: one bad row changes nothing.
        v.ThrowIfInvalid();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            Put(Apply(row.Action.Id is null ? null : State.Actions.Find(a => a.Id == row.Action.Id), row.Action, members, now));
        }

        await Changed();
        return new ImportResult { Added = added, Updated = rows.Count - added };
    }

    public async Task<ActionAttention> Attention()
    {
        _ = await Members();
        return ActionPlanRules.Attention(State.Actions, ActionPlanRules.Today(time.GetUtcNow()));
    }

    public async Task<ActionFacts> Facts(DateOnly from, DateOnly before)
    {
        _ = await Members();
        return ActionPlanRules.Facts(State.Actions, from, before, ActionPlanRules.Today(time.GetUtcNow()));
    }

    public async Task ReceivePersonalActions(string conveningId, IReadOnlyList<PersonalAction> actions)
    {
        var now = time.GetUtcNow();
        var added = false;
        foreach (var personal in actions)
        {
            // Taken once by id: a hand-over paid again after a crash adds nothing. The plan's size limit is for
            // facilitators' additions; a convening's actions are always taken, or its debt could never be paid.
            if (State.Actions.Exists(a => a.Id == personal.Id))
            {
                continue;
            }

            State.Actions.Add(new PlanAction
            {
                Id = personal.Id,
                Title = personal.Text,
                OwnerMemberId = personal.MemberId,
                OwnerName = personal.OwnerName,
                OwnerIsGuest = personal.IsGuest,
                DueOn = personal.DueOn,
                Status = ActionStatus.NotStarted,
                ConveningId = conveningId,
                CreatedAt = now,
                UpdatedAt = now,
            });
            added = true;
        }

        if (added)
        {
            await Changed();
        }
    }

    private static void RequireCreatingOrFound(bool creating, bool exists, string entity, string? id)
    {
        if (creating && exists)
        {
            throw new EntityConflictException("id", $"{entity} '{id}' is already in the plan.");
        }

        if (!creating && !exists)
        {
            throw new EntityNotFoundException(entity, id ?? string.Empty);
        }
    }

    private ActionPlanView View() => new()
    {
        OwnerKind = Owner.Kind,
        OwnerId = Owner.Id,
        Goals = [.. State.Goals],
        Progress = [.. State.Goals.Select(g => ActionPlanRules.Progress(g.Id, State.Actions))],
        Actions = [.. State.Actions],
        Version = State.Version,
    };

    private HashSet<string> GoalIds() => State.Goals.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The roster by member id; not found when the team or community does not exist.</summary>
    private async Task<Dictionary<string, Member>> Members() =>
        (await Roster.ListMembers()).ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>The rubric rows a goal may name: the team's initiative's version, or the tenant's latest for a community.</summary>
    private async Task<HashSet<string>> RowIds()
    {
        _ = await Members();
        var catalog = grains.GetGrain<IRubricCatalogGrain>(TenantId);
        var version = await catalog.LatestVersion();
        if (Owner.Kind == ConveningOwnerKind.Team
            && await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, Owner.Id)).TryGet() is { } team
            && await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, team.InitiativeId)).TryGet() is { } initiative)
        {
            version = initiative.RubricVersion;
        }

        return (await catalog.GetVersion(version)).Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static PlanAction Apply(PlanAction? existing, ActionDraft draft, Dictionary<string, Member> members, DateTimeOffset now)
    {
        var owner = draft.OwnerMemberId is { } memberId ? members[memberId] : null;
        var status = draft.Status ?? existing?.Status ?? ActionStatus.NotStarted;
        var action = new PlanAction
        {
            Id = existing?.Id ?? draft.Id ?? OrganizationRules.NewId(),
            GoalId = draft.GoalId,
            Title = draft.Title!.Trim(),
            OwnerMemberId = owner?.Id ?? existing?.OwnerMemberId,
            OwnerName = owner?.DisplayName ?? existing?.OwnerName ?? string.Empty,
            OwnerIsGuest = owner is null && existing is { OwnerIsGuest: true },
            DueOn = draft.DueOn,
            Status = existing?.Status ?? status,
            Notes = string.IsNullOrWhiteSpace(draft.Notes) ? null : draft.Notes.Trim(),
            ConveningId = existing?.ConveningId,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            DoneAt = existing?.DoneAt ?? (status == ActionStatus.Done ? now : null),
        };
        return ActionPlanRules.WithStatus(action, status, now);
    }

    private void Put(PlanAction action)
    {
        var index = State.Actions.FindIndex(a => a.Id == action.Id);
        if (index < 0)
        {
            State.Actions.Add(action);
        }
        else
        {
            State.Actions[index] = action;
        }
    }

    /// <summary>Stores the change (the reminder registered first when an owner now has a date to be reminded of).</summary>
    private async Task Changed()
    {
        State.Version++;
        if (!State.ReminderRegistered && ActionPlanRules.NeedsReminder(State.Actions))
        {
            await Save(() => this.RegisterOrUpdateReminder(ReminderName, options.Value.DigestCheckPeriod, options.Value.DigestCheckPeriod));
            State.ReminderRegistered = true;
        }

        await Save();
    }
}
