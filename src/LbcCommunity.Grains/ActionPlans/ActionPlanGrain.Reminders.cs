using LbcCommunity.ActionPlans;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Notifications;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.ActionPlans;

/// <summary>
/// The plan's reminders: a durable Orleans reminder, registered while an owner has an open action with a due date, checks
/// every <see cref="Notifications.NotificationOptions.DigestCheckPeriod"/> (real time) what is owed by the domain clock's
/// today (<see cref="ActionPlanRules.NoticesOwed"/>) and puts each notice in the owner's inbox once
/// (<see cref="IPersonNotificationsGrain.DeliverActionNotice"/>), whence the daily digest mails it.
/// </summary>
internal sealed partial class ActionPlanGrain
{
    internal const string ReminderName = "action-plan-reminders";

    /// <summary>Notice keys remembered: far more than a plan's actions can owe at once.</summary>
    private const int RememberedNotices = 5000;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        // A reminder's call carries no caller's tenant: the plan's own goes with the calls it makes.
        TenantScope.Enter(TenantId);
        try
        {
            await SendReminders();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogRemindersFailed(logger, error, Key);
        }
    }

    public async Task<int> SendReminders()
    {
        if (!ActionPlanRules.NeedsReminder(State.Actions))
        {
            await StopReminder();
            return 0;
        }

        var now = time.GetUtcNow();
        var owed = ActionPlanRules.NoticesOwed(State.Actions, ActionPlanRules.Today(now), State.SentNotices.ToHashSet(StringComparer.Ordinal));
        if (owed.Count == 0)
        {
            return 0;
        }

        var people = await PeopleByMember();
        var ownerName = await OwnerName();
        var told = 0;
        foreach (var (action, kind, key) in owed)
        {
            if (people.TryGetValue(action.OwnerMemberId!, out var personId))
            {
                var notice = new ActionNotice
                {
                    Key = $"{Key}/{key}",
                    Kind = kind,
                    OwnerKind = Owner.Kind,
                    OwnerId = Owner.Id,
                    OwnerName = ownerName,
                    ActionId = action.Id,
                    ActionTitle = action.Title,
                    DueOn = action.DueOn!.Value,
                    At = now,
                };
                // Idempotent in the inbox by the notice's key: a tick that failed before its write tells nobody twice.
                await grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(TenantId, personId)).DeliverActionNotice(notice);
                told++;
            }

            // A member with no account (no e-mail on the roster) has no inbox: the notice is not owed to anyone.
            State.SentNotices.Add(key);
        }

        if (State.SentNotices.Count > RememberedNotices)
        {
            State.SentNotices.RemoveRange(0, State.SentNotices.Count - RememberedNotices);
        }

        await Save();
        return told;
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        if (State.ReminderRegistered)
        {
            State.ReminderRegistered = false;
            await Save();
        }
    }

    /// <summary>Member id → person id, from the people records' roster memberships (found by the member's e-mail).</summary>
    private async Task<Dictionary<string, string>> PeopleByMember()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in await grains.GetGrain<ITenantAccessGrain>(TenantId).ListPeople())
        {
            if (!person.Enabled)
            {
                continue;
            }

            foreach (var membership in person.Memberships.Where(m => m.OwnerKind == Owner.Kind && m.OwnerId == Owner.Id))
            {
                map[membership.MemberId] = person.Id;
            }
        }

        return map;
    }

    private async Task<string> OwnerName() => Owner.Kind == ConveningOwnerKind.Team
        ? (await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, Owner.Id)).TryGet())?.Name ?? Owner.Id
        : (await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, Owner.Id)).TryGet())?.Name ?? Owner.Id;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reminders of action plan {Key} could not be sent; they are tried again at the next check.")]
    private static partial void LogRemindersFailed(ILogger logger, Exception exception, string key);
}
