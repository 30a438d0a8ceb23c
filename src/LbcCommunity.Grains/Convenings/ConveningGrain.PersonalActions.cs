using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The personal action plan: <see cref="PersonalActionPlan"/> decides each step. Closing it (or the convening) owes its
/// actions to the owner's action plan: the debt is stored with the close, with a durable reminder registered before,
/// and paid after the write, on the next activation or at the reminder's tick, until the plan has them. The plan takes
/// each action once by its id, so paying twice adds nothing.
/// </summary>
internal sealed partial class ConveningGrain : IRemindable
{
    internal const string HandOverReminderName = "personal-actions-handover";

    public Task<ActionAck> WritePersonalAction(ConveningAction action, string text, string? dueOn) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.PersonalActionPlan);
        var actor = Participant(action.ParticipantId);
        var written = PersonalActionPlan.Write(PersonalActionsInPlace(), actor, MemberIdOf(actor), OrganizationRules.NewId(), text, dueOn, time.GetUtcNow());
        (State.PersonalActions ??= []).Add(written);
        return await Commit(action, action.ParticipantId, ConveningEventTypes.PersonalActionWritten, e => e with { PersonalAction = written });
    });

    public Task<ActionAck> RemovePersonalAction(ConveningAction action, string personalActionId) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.PersonalActionPlan);
        var removed = PersonalActionPlan.Remove(PersonalActionsInPlace(), action.ParticipantId, personalActionId);
        State.PersonalActions!.Remove(removed);
        return await Commit(action, action.ParticipantId, ConveningEventTypes.PersonalActionRemoved, e => e with { PersonalAction = removed });
    });

    public Task<ActionAck> ClosePersonalActions(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.PersonalActionPlan);
        _ = PersonalActionPlan.Close(PersonalActionsInPlace());
        await OwePlanHandOver();
        var ack = await Commit(action, action.ParticipantId, ConveningEventTypes.PersonalActionsClosed, e => e with { PersonalActions = PersonalActions() });
        await HandOverPersonalActions();
        return ack;
    });

    public async Task<IReadOnlyList<PersonalAction>> GetPersonalActions(string? participantId)
    {
        _ = Current;
        await AllStored();
        var all = State.PersonalActions ?? [];
        return [.. participantId is null ? all : all.Where(a => a.ParticipantId == participantId)];
    }

    public async Task<IReadOnlyList<PersonalAction>> TakeAwayByMail(string participantId)
    {
        _ = Current;
        await AllStored();
        var mine = (State.PersonalActions ?? []).Where(a => a.ParticipantId == participantId).ToList();
        if (mine.Count == 0)
        {
            throw new EntityNotFoundException("Personal actions of", participantId);
        }

        var sent = State.TakeAwayMails.GetValueOrDefault(participantId);
        if (sent >= PersonalActionPlan.MaxTakeAwayMails)
        {
            throw new EntityConflictException("email", $"Your actions were e-mailed {sent} times already: print them instead.");
        }

        // Counted before the mail goes: a mail whose sending then fails still counts, so the limit cannot be got round.
        State.TakeAwayMails[participantId] = sent + 1;
        await StoreNow();
        return mine;
    }

    public Task<bool> PersonalActionsOwed() => Task.FromResult(State.PlanHandOverOwed);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HandOverReminderName)
        {
            return;
        }

        // A reminder's call carries no caller's tenant: the convening's own goes with the calls it makes.
        TenantScope.Enter(TenantId);
        if (State.PlanHandOverOwed)
        {
            await HandOverPersonalActions();
        }
        else
        {
            await DropHandOverReminder();
        }
    }

    /// <summary>On activation: a debt left by a crash (or a plan that refused) is paid now.</summary>
    private async Task HandOverOnActivation()
    {
        if (State.PlanHandOverOwed && State.Convening is not null)
        {
            TenantScope.Enter(TenantId);
            await HandOverPersonalActions();
        }
    }

    /// <summary>
    /// Marks the actions owed with the close (the caller's commit stores it), after registering the reminder that pays
    /// it: if the silo dies between the two writes, the reminder finds the debt (or finds none and goes).
    /// </summary>
    private async Task OwePlanHandOver()
    {
        State.PersonalActionsClosed = true;
        if (Current.OwnerKind == ConveningOwnerKind.Initiative || State.PersonalActions is not { Count: > 0 })
        {
            // An initiative has no plan: its participants' actions stay on the convening (each reads their own).
            return;
        }

        if (!State.HandOverReminder)
        {
            await Save(() => this.RegisterOrUpdateReminder(HandOverReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
            State.HandOverReminder = true;
        }

        State.PlanHandOverOwed = true;
    }

    /// <summary>Pays the debt; a failure is logged and left owed for the reminder or the next activation.</summary>
    private async Task HandOverPersonalActions()
    {
        if (!State.PlanHandOverOwed)
        {
            return;
        }

        var convening = Current;
        try
        {
            await grains.GetGrain<IActionPlanGrain>(ActionPlanKeys.Of(TenantId, convening.OwnerKind, convening.OwnerId))
                .ReceivePersonalActions(ConveningId, [.. State.PersonalActions ?? []]);
            State.PlanHandOverOwed = false;
            await DropHandOverReminder();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHandOverOwed(logger, error, Key);
        }
    }

    private async Task DropHandOverReminder()
    {
        if (await this.GetReminder(HandOverReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        State.HandOverReminder = false;
        await StoreNow();
    }

    /// <summary>Writes the state now through the group commit (after any write under way), for a change with no event.</summary>
    private async Task StoreNow()
    {
        while (_writing is { IsCompleted: false } under)
        {
            try
            {
                await under;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // That write's own callers hear of its failure; this one writes again.
                LogHandOverOwed(logger, error, Key);
            }
        }

        _writing = WriteGroup();
        await _writing;
    }

    /// <summary>A member's id on the owner's roster (a participant of a team's or community's convening who is not a guest).</summary>
    private string? MemberIdOf(Participant participant) =>
        participant.IsGuest || Current.OwnerKind == ConveningOwnerKind.Initiative ? null : participant.Id;

    private PersonalActionsActivity PersonalActions() => new() { Actions = [.. State.PersonalActions ?? []], Closed = State.PersonalActionsClosed };

    /// <summary>The activity read where it is stored, for a step to check against, never to send.</summary>
    private PersonalActionsActivity PersonalActionsInPlace() => new() { Actions = State.PersonalActions ?? [], Closed = State.PersonalActionsClosed };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The personal actions of {Key} could not be handed to the action plan; they stay owed and are tried again.")]
    private static partial void LogHandOverOwed(ILogger logger, Exception exception, string key);
}
