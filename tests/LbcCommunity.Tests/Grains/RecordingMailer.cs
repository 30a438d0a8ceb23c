using System.Collections.Concurrent;
using LbcCommunity.Grains.Notifications;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The grain tests' digest mailer: keeps what it was given, by e-mail, and fails for the addresses a test says. (The
/// host tests send digests to a real SMTP server.)
/// </summary>
internal sealed class RecordingMailer : IDigestMailer
{
    public static RecordingMailer Instance { get; } = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<DigestMail>> _sent = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);

    public bool IsConfigured => true;

    /// <summary>Digests sent to <paramref name="email"/>, oldest first.</summary>
    public IReadOnlyList<DigestMail> SentTo(string email) => _sent.TryGetValue(email, out var sent) ? [.. sent] : [];

    /// <summary>Tries to send to <paramref name="email"/> so far that failed on purpose.</summary>
    public int FailuresFor(string email) => _failing.GetValueOrDefault(email, -1);

    public void FailFor(string email) => _failing[email] = 0;

    public void SucceedFor(string email) => _failing.TryRemove(email, out _);

    public Task Send(DigestMail mail, CancellationToken cancellationToken)
    {
        if (_failing.ContainsKey(mail.Email))
        {
            _failing.AddOrUpdate(mail.Email, 1, (_, n) => n + 1);
            throw new IOException($"The SMTP server refused the message to {mail.Email} (test).");
        }

        _sent.GetOrAdd(mail.Email, _ => new ConcurrentQueue<DigestMail>()).Enqueue(mail);
        return Task.CompletedTask;
    }
}
