namespace LbcCommunity.Host.Notifications;

/// <summary>E-mail settings (section <c>Mail</c>): the SMTP server digests go through, and the address links point at.</summary>
internal sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>
    /// The public address of the web app, for the links in e-mails (stories, unsubscribe): <c>https://lbc.example.org</c>.
    /// Unset: <c>Identity:Issuer</c>, else the first address the host listens on.
    /// </summary>
    public string? BaseUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server (<c>Mail:Smtp</c>). Without a host, no digest is sent (each waits; the log says so).</summary>
internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>The sender's address, required with a host: <c>no-reply@lbc.example.org</c>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's name: <c>LbcCommunity</c> unless set.</summary>
    public string FromName { get; set; } = "LbcCommunity";

    /// <summary>Signs in to the server when set (with <see cref="Password"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// <c>Auto</c> (TLS on connect for port 465, else STARTTLS when the server offers it), <c>StartTls</c> (required),
    /// <c>SslOnConnect</c>, or <c>None</c> (plain, for a relay on the same machine or a test server).
    /// </summary>
    public string Security { get; set; } = "Auto";
}
