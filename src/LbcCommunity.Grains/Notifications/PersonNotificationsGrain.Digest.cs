using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Notifications;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.Notifications;

/// <summary>The daily digest: a durable reminder checks it while something waits; the domain clock says when it is due.</summary>
internal sealed partial class PersonNotificationsGrain
{
    public const string DigestReminder = "digest";

    /// <summary>How long the SMTP server has to take one digest before the try counts as failed.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);

    private bool _reminderRegistered;

    public Task<DigestStatus> GetDigestStatus() => Task.FromResult(new DigestStatus
    {
        Enabled = State.Preferences.DigestEnabled,
        Pending = Pending().Count,
        LastSentAt = State.LastDigestAt,
        NextDueAt = State.Preferences.DigestEnabled && Pending().Count > 0 ? DueAt() : null,
        LastError = State.LastDigestError,
        LastErrorAt = State.LastDigestErrorAt,
    });

    public async Task<DigestOutcome> SendDigestIfDue()
    {
        if (!State.Preferences.DigestEnabled)
        {
            await StopDigestReminder();
            return DigestOutcome.Off;
        }

        var pending = Pending();
        if (pending.Count == 0)
        {
            // Everything that came was read in the app (or nothing came): nothing is new for the e-mail.
            if (State.DigestedThrough != State.LastNotificationId || State.PendingSince is not null)
            {
                State.DigestedThrough = State.LastNotificationId;
                State.PendingSince = null;
                await Save();
            }

            await StopDigestReminder();
            return DigestOutcome.NothingNew;
        }

        var now = time.GetUtcNow();
        if (now < DueAt())
        {
            return DigestOutcome.NotDue;
        }

        if (!mailer.IsConfigured)
        {
            LogMailNotConfigured(logger, Key, pending.Count);
            return DigestOutcome.MailNotConfigured;
        }

        var person = await FindPerson();
        if (person is not { Enabled: true })
        {
            await StopDigestReminder();
            return DigestOutcome.Off;
        }

        var through = State.LastNotificationId;
        try
        {
            using var timeout = new CancellationTokenSource(SendTimeout);
            await mailer.Send(new DigestMail(TenantId, PersonId, person.Email, person.DisplayName, State.Preferences.Language, [.. Enumerable.Reverse(pending)]), timeout.Token);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Nothing is marked sent: the same items (and any newer) go at the next check.
            LogDigestFailed(logger, error, Key, pending.Count);
            State.LastDigestError = error.Message;
            State.LastDigestErrorAt = now;
            await Save();
            return DigestOutcome.Failed;
        }

        State.DigestedThrough = through;
        State.LastDigestAt = now;
        State.PendingSince = null;
        State.LastDigestError = null;
        State.LastDigestErrorAt = null;
        await Save();
        await StopDigestReminder();
        return DigestOutcome.Sent;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DigestReminder)
        {
            return;
        }

        // A reminder's call carries no tenant; the digest's own calls (the person's e-mail) are the key's tenant's.
        TenantScope.Enter(TenantId);
        _reminderRegistered = true;
        await SendDigestIfDue();
    }

    /// <summary>Unread notifications not yet in a digest, oldest first.</summary>
    private List<Notification> Pending() => [.. State.Inbox.Where(n => n.Id > State.DigestedThrough && !n.Read)];

    private DateTimeOffset DueAt() => NotificationRules.DigestDueAt(State.PendingSince ?? time.GetUtcNow(), options.Value.DigestHourUtc);

    private async Task<LbcCommunity.Access.Person?> FindPerson()
    {
        try
        {
            return await grains.GetGrain<ITenantAccessGrain>(TenantId).GetPerson(PersonId);
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>While something waits for a digest, the reminder checks it (registered once per activation: an upsert).</summary>
    private async Task EnsureDigestReminder()
    {
        if (_reminderRegistered || !State.Preferences.DigestEnabled || Pending().Count == 0)
        {
            return;
        }

        var period = options.Value.DigestCheckPeriod;
        await this.RegisterOrUpdateReminder(DigestReminder, period, period);
        _reminderRegistered = true;
    }

    private async Task StopDigestReminder()
    {
        if (await this.GetReminder(DigestReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digest of {Key} ({Count} notification(s)) not sent: no SMTP server is configured (Mail:Smtp:Host).")]
    private static partial void LogMailNotConfigured(ILogger logger, string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of {Key} ({Count} notification(s)) could not be sent; it is tried again at the next check.")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception, string key, int count);
}
