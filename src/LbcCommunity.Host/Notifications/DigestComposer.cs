using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using LbcCommunity.Grains.Notifications;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using MimeKit;

namespace LbcCommunity.Host.Notifications;

/// <summary>
/// Writes a digest as an e-mail: plain text and HTML parts in the person's language, a link to each story, and the
/// one-click unsubscribe of RFC 8058 (<c>List-Unsubscribe</c> with an HTTPS URL and <c>List-Unsubscribe-Post</c>).
/// Every value a person wrote (titles, names, excerpts) is HTML-encoded in the HTML part.
/// </summary>
internal static class DigestComposer
{
    /// <summary>Encodes markup and quotes but leaves letters as they are (CAFÉ, not CAF&amp;#201;).</summary>
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static MimeMessage Compose(DigestMail mail, SmtpOptions smtp, Uri baseUrl, Uri unsubscribeUrl)
    {
        var texts = DigestTexts.For(mail.Language);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From ?? throw new InvalidOperationException("Mail:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(mail.DisplayName, mail.Email));
        message.Subject = texts.Subject(mail.Items.Count);
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // RFC 3834: no auto-replies (out of office) to a machine's message.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder
        {
            TextBody = Text(mail, texts, baseUrl, unsubscribeUrl),
            HtmlBody = HtmlPart(mail, texts, baseUrl, unsubscribeUrl),
        }.ToMessageBody();
        // A Content-* header belongs to the body entity (MimeKit moves it there anyway).
        body.Headers.Add(HeaderId.ContentLanguage, texts.Language);
        message.Body = body;
        return message;
    }

    /// <summary>The web app's page of a story.</summary>
    public static Uri StoryUrl(Uri baseUrl, string storyId) => new(baseUrl, $"stories/{Uri.EscapeDataString(storyId)}");

    /// <summary>Where a notification leads: its story, or for an action plan's reminder, the plan's page.</summary>
    public static Uri LinkOf(Uri baseUrl, Notification item) => item.Action is { } action
        ? new(baseUrl, $"{(action.OwnerKind == LbcCommunity.Convenings.ConveningOwnerKind.Team ? "teams" : "communities")}/{Uri.EscapeDataString(action.OwnerId)}/action-plan")
        : StoryUrl(baseUrl, item.StoryId);

    private static string Text(DigestMail mail, DigestTexts texts, Uri baseUrl, Uri unsubscribeUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(texts.Greeting(mail.DisplayName)).AppendLine().AppendLine(texts.Intro).AppendLine();
        foreach (var item in mail.Items)
        {
            text.Append("* ").AppendLine(texts.Line(item));
            if (item.Excerpt is { Length: > 0 } excerpt)
            {
                text.Append("  \"").Append(excerpt).AppendLine("\"");
            }

            text.Append("  ").Append(item.Action is null ? texts.ReadStory : texts.OpenPlan).Append(": ").AppendLine(LinkOf(baseUrl, item).AbsoluteUri).AppendLine();
        }

        text.AppendLine("--").AppendLine(texts.Why).Append(texts.Unsubscribe).Append(": ").AppendLine(unsubscribeUrl.AbsoluteUri);
        return text.ToString();
    }

    private static string HtmlPart(DigestMail mail, DigestTexts texts, Uri baseUrl, Uri unsubscribeUrl)
    {
        static string E(string value) => Html.Encode(value);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{texts.Language}\"><head><meta charset=\"utf-8\"><title>{E(texts.Subject(mail.Items.Count))}</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(texts.Greeting(mail.DisplayName))}</p><p>{E(texts.Intro)}</p><ul>");
        foreach (var item in mail.Items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><p>{E(texts.Line(item))}</p>");
            if (item.Excerpt is { Length: > 0 } excerpt)
            {
                html.Append(CultureInfo.InvariantCulture, $"<blockquote>{E(excerpt)}</blockquote>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(LinkOf(baseUrl, item).AbsoluteUri)}\">{E(item.Action is null ? texts.ReadStory : texts.OpenPlan)}</a></p></li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><hr><p style=\"font-size:smaller\">{E(texts.Why)} <a href=\"{E(unsubscribeUrl.AbsoluteUri)}\">{E(texts.Unsubscribe)}</a></p></body></html>");
        return html.ToString();
    }
}

/// <summary>The digest's words, in English and Spanish (the person's <see cref="NotificationPreferences.Language"/>).</summary>
internal sealed record DigestTexts(
    string Language,
    Func<int, string> Subject,
    Func<string, string> Greeting,
    string Intro,
    Func<Notification, string> Line,
    string ReadStory,
    string Why,
    string Unsubscribe,
    string OpenPlan)
{
    private static readonly DigestTexts English = new(
        "en",
        n => n == 1 ? "Your daily digest: 1 new story or comment" : $"Your daily digest: {n} new stories and comments",
        name => $"Hello {name},",
        "Here is what happened in the communities and tags you follow since your last digest.",
        item => item.Kind switch
        {
            StoryActivityKind.Published => $"{item.ActorDisplayName} published \u201c{item.StoryTitle}\u201d in {item.CommunityName}.",
            StoryActivityKind.ActionDueSoon => $"Your action \u201c{item.StoryTitle}\u201d ({item.CommunityName}) is due on {Day(item)}.",
            StoryActivityKind.ActionOverdue => $"Your action \u201c{item.StoryTitle}\u201d ({item.CommunityName}) was due on {Day(item)}.",
            _ => $"{item.ActorDisplayName} commented on \u201c{item.StoryTitle}\u201d in {item.CommunityName}.",
        },
        "Read the story",
        "You get this e-mail at most once a day, only when there is something new in what you follow.",
        "Stop these e-mails",
        "Open the action plan");

    private static readonly DigestTexts Spanish = new(
        "es",
        n => n == 1 ? "Su resumen diario: 1 novedad" : $"Su resumen diario: {n} novedades",
        name => $"Hola, {name}:",
        "Esto es lo que pasó en las comunidades y etiquetas que usted sigue desde su último resumen.",
        item => item.Kind switch
        {
            StoryActivityKind.Published => $"{item.ActorDisplayName} publicó \u00ab{item.StoryTitle}\u00bb en {item.CommunityName}.",
            StoryActivityKind.ActionDueSoon => $"Su acción \u00ab{item.StoryTitle}\u00bb ({item.CommunityName}) vence el {Day(item)}.",
            StoryActivityKind.ActionOverdue => $"Su acción \u00ab{item.StoryTitle}\u00bb ({item.CommunityName}) venció el {Day(item)}.",
            _ => $"{item.ActorDisplayName} comentó \u00ab{item.StoryTitle}\u00bb en {item.CommunityName}.",
        },
        "Leer la historia",
        "Recibe este correo como máximo una vez al día, solo cuando hay novedades en lo que sigue.",
        "Dejar de recibir estos correos",
        "Abrir el plan de acción");

    public static DigestTexts For(string language) => language == "es" ? Spanish : English;

    /// <summary>An action's due date as a calendar day (ISO 8601, the same in both languages).</summary>
    private static string Day(Notification item) => item.Action?.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
