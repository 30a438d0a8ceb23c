using LbcCommunity.ActionPlans;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>One action a participant wrote for themself at the end of a convening.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonalAction
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string ParticipantId { get; init; }

    /// <summary>The participant's display name (a guest's as they gave it).</summary>
    [Id(2)] public required string OwnerName { get; init; }

    [Id(3)] public required bool IsGuest { get; init; }

    /// <summary>The member id on the owner's roster (members only).</summary>
    [Id(4)] public string? MemberId { get; init; }

    [Id(5)] public required string Text { get; init; }

    [Id(6)] public DateOnly? DueOn { get; init; }

    [Id(7)] public required DateTimeOffset WrittenAt { get; init; }
}

/// <summary>The personal action plan activity: everyone's actions so far, and whether the facilitator closed it.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonalActionsActivity
{
    [Id(0)] public required IReadOnlyList<PersonalAction> Actions { get; init; }

    [Id(1)] public required bool Closed { get; init; }
}

/// <summary>
/// "Every partner walks away with a personal action plan": each participant, guests included, writes one to three actions
/// of their own until the facilitator closes the activity; then they go to the owner's action plan.
/// </summary>
public static class PersonalActionPlan
{
    /// <summary>Actions one participant may write.</summary>
    public const int MaxPerParticipant = 3;

    /// <summary>How many times one participant may have their actions e-mailed to themself.</summary>
    public const int MaxTakeAwayMails = 3;

    /// <summary>How far ahead a due date may be.</summary>
    public const int MaxDaysAhead = 730;

    /// <summary>A new action of <paramref name="participant"/>, under an id the caller chose.</summary>
    public static PersonalAction Write(PersonalActionsActivity activity, Participant participant, string? memberId, string actionId, string text, string? dueOn, DateTimeOffset now)
    {
        RefuseWhenClosed(activity);
        var v = new Validator().RequiredText("text", text, ActionPlanRules.TitleMaxLength);
        var today = ActionPlanRules.Today(now);
        DateOnly? due = null;
        if (!string.IsNullOrEmpty(dueOn))
        {
            if (DateOnly.TryParseExact(dueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                && day >= today && day <= today.AddDays(MaxDaysAhead))
            {
                due = day;
            }
            else
            {
                v.Add("dueOn", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'dueOn' is a date as yyyy-MM-dd from today ({today:yyyy-MM-dd}) to two years on."));
            }
        }

        if (activity.Actions.Count(a => a.ParticipantId == participant.Id) >= MaxPerParticipant)
        {
            v.Add("text", $"You have written {MaxPerParticipant} actions: remove one to write another.");
        }

        v.ThrowIfInvalid();
        return new PersonalAction
        {
            Id = actionId,
            ParticipantId = participant.Id,
            OwnerName = participant.DisplayName,
            IsGuest = participant.IsGuest,
            MemberId = memberId,
            Text = text.Trim(),
            DueOn = due,
            WrittenAt = now,
        };
    }

    /// <summary>The participant's own action to remove, before the activity closes.</summary>
    public static PersonalAction Remove(PersonalActionsActivity activity, string participantId, string personalActionId)
    {
        RefuseWhenClosed(activity);
        var action = activity.Actions.FirstOrDefault(a => a.Id == personalActionId);
        if (action is null || action.ParticipantId != participantId)
        {
            throw DomainValidationException.For("personalActionId", $"You have no action '{personalActionId}'.");
        }

        return action;
    }

    public static PersonalActionsActivity Close(PersonalActionsActivity activity)
    {
        RefuseWhenClosed(activity);
        return activity with { Closed = true };
    }

    /// <summary>What one participant wrote, in the order written.</summary>
    public static IReadOnlyList<PersonalAction> Of(PersonalActionsActivity activity, string participantId) =>
        [.. activity.Actions.Where(a => a.ParticipantId == participantId)];

    private static void RefuseWhenClosed(PersonalActionsActivity activity)
    {
        if (activity.Closed)
        {
            throw ConveningRules.Refused("personalActions", "The personal action plan is closed: the actions went to the plan.", ErrorCodes.PersonalActionsClosed);
        }
    }
}
