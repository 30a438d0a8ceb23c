using LbcCommunity.Grains.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Host.Notifications;

/// <summary>
/// Sends digests through the configured SMTP server with MailKit: one connection per digest (a digest goes once a day
/// per person, so connections are not kept). Throws when the server does not take the message, so nothing is marked sent.
/// </summary>
internal sealed class SmtpDigestMailer(IOptions<MailOptions> options, UnsubscribeLinks links) : IDigestMailer
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Smtp.Host);

    public async Task Send(DigestMail mail, CancellationToken cancellationToken)
    {
        using var message = DigestComposer.Compose(mail, Smtp, links.BaseUrl, links.For(mail.TenantId, mail.PersonId));
        await Deliver(message, cancellationToken);
    }

    /// <summary>A participant's personal actions, to the address they gave (the same server and settings as digests).</summary>
    public async Task SendPersonalActions(PersonalActionsMail mail, CancellationToken cancellationToken)
    {
        using var message = PersonalActionsComposer.Compose(mail, Smtp);
        await Deliver(message, cancellationToken);
    }

    private async Task Deliver(MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 20_000 };
        await client.ConnectAsync(Smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), Smtp.Port, SecurityOf(Smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(Smtp.UserName))
        {
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The setting's value as MailKit's option; <c>null</c> for an unknown one (refused at start).</summary>
    public static SecureSocketOptions? TrySecurityOf(string? value) => value switch
    {
        "Auto" => SecureSocketOptions.Auto,
        "StartTls" => SecureSocketOptions.StartTls,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        "None" => SecureSocketOptions.None,
        _ => null,
    };

    private static SecureSocketOptions SecurityOf(string value) => TrySecurityOf(value) ?? SecureSocketOptions.Auto;
}
