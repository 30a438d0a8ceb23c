using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Grains.Convenings;

/// <summary>The checks every action passes before its activity's rule runs, and the actions that move the agenda.</summary>
internal sealed partial class ConveningGrain
{
    public Task<ActionAck> StartActivity(ConveningAction action, string agendaItemId) => Act(action, facilitatorOnly: true, async () =>
    {
        var item = ConveningRules.AgendaItem(Current, agendaItemId);
        Task<ActionAck> Start()
        {
            State.ActiveItemId = agendaItemId;
            // The questions as they stand come with their start: an answer's event carries only the answer, and a client
            // that joined before any answer has no questions to add it to.
            var questions = item.Kind == ActivityKind.FourSimpleQuestions ? Questions() : null;
            if (item.Kind == ActivityKind.PersonalActionPlan)
            {
                State.PersonalActions ??= [];
            }

            var personal = item.Kind == ActivityKind.PersonalActionPlan ? PersonalActions() : null;
            return Commit(action, action.ParticipantId, ConveningEventTypes.ActivityStarted, e => e with { ActiveItemId = agendaItemId, FourQuestions = questions, PersonalActions = personal });
        }

        // The first activity takes the convening live: its owner's list says so too.
        if (State.StartedAt is not null)
        {
            return await Start();
        }

        return await Relisted(Current, ListingOf(Current, ConveningStatus.Live), () =>
        {
            State.StartedAt = time.GetUtcNow();
            return Start();
        });
    });

    public Task<ActionAck> CloseConvening(ConveningAction action) => Act(action, facilitatorOnly: true, () =>
        Relisted(Current, ListingOf(Current, ConveningStatus.Ended), async () =>
        {
            // A personal action plan still open closes with the convening: its actions go to the plan all the same.
            var closesActions = State.PersonalActions is not null && !State.PersonalActionsClosed;
            if (closesActions)
            {
                await OwePlanHandOver();
            }

            State.Ended = true;
            State.EndedAt = time.GetUtcNow();
            State.ActiveItemId = null;
            var personal = closesActions ? PersonalActions() : null;
            var ack = await Commit(action, action.ParticipantId, ConveningEventTypes.ConveningEnded, e => e with { Ended = true, ActiveItemId = null, PersonalActions = personal });
            await HandOverPersonalActions();
            return ack;
        }));

    /// <summary>
    /// Runs an action once: a retry (same action id) gets the first acknowledgement back; anything else is checked
    /// (the convening exists and runs, the actor takes part, the facilitator drives) before it may change anything.
    /// </summary>
    private async Task<ActionAck> Act(ConveningAction action, bool facilitatorOnly, Func<Task<ActionAck>> apply)
    {
        _ = Current;
        var v = new Validator().RequiredText("actionId", action.ActionId, 100);
        v.ThrowIfInvalid();
        if (_log.TryGetAction(action.ActionId, out var sequence))
        {
            // The first try may still be waiting for its write: a retry is acknowledged no sooner than it.
            await Stored(sequence);
            return new ActionAck { ActionId = action.ActionId, Sequence = sequence };
        }

        RefuseWhenEnded();
        var actor = Participant(action.ParticipantId);
        if (actor.JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw ConveningRules.Refused("joinCode", "The invitation was withdrawn: a guest with it can no longer act.", ErrorCodes.JoinCodeInactive);
        }

        if (facilitatorOnly && !actor.IsFacilitator)
        {
            throw ConveningRules.Refused("participantId", "Only the facilitator drives the session.", ErrorCodes.Forbidden);
        }

        return await apply();
    }

    private void RequireActive(ActivityKind kind) => ConveningRules.RequireActive(Current, State.ActiveItemId, kind);

    private void RefuseWhenEnded()
    {
        if (State.Ended)
        {
            throw ConveningRules.Refused("convening", "The convening has ended.", ErrorCodes.ConveningEnded);
        }
    }
}
