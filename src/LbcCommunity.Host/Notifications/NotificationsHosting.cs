using LbcCommunity.Grains.Notifications;
using LbcCommunity.Validation;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Host.Notifications;

/// <summary>Wires the digest's SMTP mailer, its links and its schedule into the host.</summary>
internal static partial class NotificationsHosting
{
    /// <summary>
    /// Registers the SMTP mailer (<c>Mail:Smtp</c>) and the digest schedule (<c>Notifications</c>). Settings that cannot
    /// work stop the host here, naming the key; with no <c>Mail:Smtp:Host</c> digests are not sent, and the log says so.
    /// </summary>
    public static IServiceCollection AddLbcNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var mail = configuration.GetSection(MailOptions.SectionName).Get<MailOptions>() ?? new MailOptions();
        Check(mail);
        var schedule = configuration.GetSection(NotificationOptions.SectionName).Get<NotificationOptions>() ?? new NotificationOptions();
        if (schedule.DigestHourUtc is < 0 or > 23)
        {
            throw new InvalidOperationException($"Notifications:DigestHourUtc must be 0–23 (it is {schedule.DigestHourUtc}).");
        }

        if (schedule.DigestCheckPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Notifications:DigestCheckPeriod must be positive (it is {schedule.DigestCheckPeriod}).");
        }

        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName));
        // Orleans refuses reminders more frequent than its minimum (a minute); a shorter check period (tests) lowers it.
        services.Configure<ReminderOptions>(reminders =>
            reminders.MinimumReminderPeriod = schedule.DigestCheckPeriod < reminders.MinimumReminderPeriod ? schedule.DigestCheckPeriod : reminders.MinimumReminderPeriod);
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<SmtpDigestMailer>();
        services.AddSingleton<IDigestMailer>(provider => provider.GetRequiredService<SmtpDigestMailer>());
        services.AddHostedService<MailSettingsLog>();
        return services;
    }

    private static void Check(MailOptions mail)
    {
        if (mail.BaseUrl is { } baseUrl && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            throw new InvalidOperationException($"Mail:BaseUrl must be an absolute http(s) address (it is '{baseUrl}').");
        }

        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            return;
        }

        if (!Validator.IsEmail(mail.Smtp.From))
        {
            throw new InvalidOperationException($"Mail:Smtp:From must be the sender's e-mail address when Mail:Smtp:Host is set (it is '{mail.Smtp.From}').");
        }

        if (mail.Smtp.Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Mail:Smtp:Port must be 1–65535 (it is {mail.Smtp.Port}).");
        }

        if (SmtpDigestMailer.TrySecurityOf(mail.Smtp.Security) is null)
        {
            throw new InvalidOperationException($"Mail:Smtp:Security must be Auto, StartTls, SslOnConnect or None (it is '{mail.Smtp.Security}').");
        }
    }

    /// <summary>Says once at start where digests go, or that they are not sent.</summary>
    private sealed partial class MailSettingsLog(IOptions<MailOptions> mail, ILogger<MailSettingsLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(mail.Value.Smtp.Host))
            {
                LogNoSmtp(logger);
            }
            else
            {
                LogSmtp(logger, mail.Value.Smtp.Host, mail.Value.Smtp.Port);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Mail:Smtp:Host is not set: daily digests are not sent (notifications still reach the in-app inbox, and digests wait until a server is set).")]
        private static partial void LogNoSmtp(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Daily digests go through SMTP server {Host}:{Port}.")]
        private static partial void LogSmtp(ILogger logger, string host, int port);
    }
}
