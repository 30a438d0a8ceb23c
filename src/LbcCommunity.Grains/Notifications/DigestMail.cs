using LbcCommunity.Notifications;

namespace LbcCommunity.Grains.Notifications;

/// <summary>
/// Sends a person's daily digest. The host's implementation writes it (English or Spanish, plain text and HTML, links
/// back to the stories, a one-click unsubscribe) and hands it to the SMTP server; it throws when the server did not
/// take it, so the grain keeps the items pending.
/// </summary>
public interface IDigestMailer
{
    /// <summary>False when no SMTP server is configured: digests are then not sent, and nothing is marked sent.</summary>
    bool IsConfigured { get; }

    Task Send(DigestMail mail, CancellationToken cancellationToken);
}

/// <summary>One digest: to whom, in which language, and the notifications it tells of (newest first).</summary>
public sealed record DigestMail(string TenantId, string PersonId, string Email, string DisplayName, string Language, IReadOnlyList<Notification> Items);

/// <summary>The mailer of a silo with no SMTP server: every digest waits.</summary>
internal sealed class NoDigestMailer : IDigestMailer
{
    public bool IsConfigured => false;

    public Task Send(DigestMail mail, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No SMTP server is configured (Mail:Smtp:Host).");
}

/// <summary>The digest's schedule (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The hour (UTC, 0–23) at which digests go: 11 is 07:00 in the US East in summer, 06:00 in winter.</summary>
    public int DigestHourUtc { get; set; } = 11;

    /// <summary>How often a person's digest reminder checks whether the digest is due (real time; at least a minute in production).</summary>
    public TimeSpan DigestCheckPeriod { get; set; } = TimeSpan.FromHours(1);
}
