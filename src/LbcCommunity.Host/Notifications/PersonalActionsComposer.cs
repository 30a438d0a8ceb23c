using System.Globalization;
using System.Text;
using LbcCommunity.Convenings;
using MimeKit;

namespace LbcCommunity.Host.Notifications;

/// <summary>A participant's personal actions from one convening, to take away by e-mail.</summary>
internal sealed record PersonalActionsMail(string Email, string DisplayName, string Language, string ConveningTitle, IReadOnlyList<PersonalAction> Actions);

/// <summary>
/// Writes the take-away e-mail: plain text and HTML in the participant's language (English or Spanish), one line per
/// action with its due date. Everything the participant wrote is HTML-encoded in the HTML part.
/// </summary>
internal static class PersonalActionsComposer
{
    public static MimeMessage Compose(PersonalActionsMail mail, SmtpOptions smtp)
    {
        var spanish = mail.Language == "es";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From ?? throw new InvalidOperationException("Mail:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(mail.DisplayName, mail.Email));
        message.Subject = spanish ? $"Su plan de acción personal: {mail.ConveningTitle}" : $"Your personal action plan: {mail.ConveningTitle}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var intro = spanish
            ? $"Hola, {mail.DisplayName}: estas son las acciones que usted escribió en «{mail.ConveningTitle}»."
            : $"Hello {mail.DisplayName}, here are the actions you wrote at \u201c{mail.ConveningTitle}\u201d.";
        var text = new StringBuilder().AppendLine(intro).AppendLine();
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{(spanish ? "es" : "en")}\"><head><meta charset=\"utf-8\"><title>{E(message.Subject)}</title></head>")
            .Append(CultureInfo.InvariantCulture, $"<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\"><p>{E(intro)}</p><ol>");
        foreach (var action in mail.Actions)
        {
            var line = action.Text + Due(action, spanish);
            text.Append("* ").AppendLine(line);
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        }

        html.Append("</ol></body></html>");
        var body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        body.Headers.Add(HeaderId.ContentLanguage, spanish ? "es" : "en");
        message.Body = body;
        return message;
    }

    private static string Due(PersonalAction action, bool spanish)
    {
        if (action.DueOn is not { } due)
        {
            return string.Empty;
        }

        var day = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return spanish ? $" (para el {day})" : $" (by {day})";
    }

    private static string E(string value) => DigestComposer.Html.Encode(value);
}
