using LbcCommunity.Contracts;
using LbcCommunity.Notifications;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Notifications;

/// <summary>
/// The digest's one-click unsubscribe (RFC 8058), public on purpose: the signed token in the link is the only
/// credential. <c>GET</c> answers a page with a button (link checkers and mail scanners open links; only a POST
/// changes anything); <c>POST</c>, from that button or from the mail client's own one-click, turns the digest off. A
/// token that is missing, altered or not ours is a 400 and changes nothing.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet(UnsubscribeLinks.Path, async (HttpContext http, string? token, UnsubscribeLinks links, IGrainFactory grains) =>
        {
            if (links.Read(token) is not { } person)
            {
                return Page(http, "en", StatusCodes.Status400BadRequest, Words.Invalid("en"), null);
            }

            var language = (await Grain(grains, person).GetPreferences()).Language;
            return Page(http, language, StatusCodes.Status200OK, Words.Confirm(language), $"{UnsubscribeLinks.Path}?token={Uri.EscapeDataString(token!)}");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();

        app.MapPost(UnsubscribeLinks.Path, async (HttpContext http, string? token, UnsubscribeLinks links, IGrainFactory grains) =>
        {
            if (links.Read(token) is not { } person)
            {
                return Page(http, "en", StatusCodes.Status400BadRequest, Words.Invalid("en"), null);
            }

            var grain = Grain(grains, person);
            await grain.TurnDigestOff();
            var language = (await grain.GetPreferences()).Language;
            return Page(http, language, StatusCodes.Status200OK, Words.Done(language), null);
        })
        .AllowAnonymous()
        .DisableAntiforgery()
        .ExcludeFromDescription();
    }

    private static IPersonNotificationsGrain Grain(IGrainFactory grains, (string TenantId, string PersonId) person)
    {
        TenantScope.Enter(person.TenantId);
        return grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(person.TenantId, person.PersonId));
    }

    private static IResult Page(HttpContext http, string language, int status, (string Title, string Text, string? Button) words, string? action)
    {
        // The token is a credential: not cached, not sent on as a referrer.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        static string E(string value) => DigestComposer.Html.Encode(value);
        var form = action is null || words.Button is null ? string.Empty
            : $"<form method=\"post\" action=\"{E(action)}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">{E(words.Button)}</button></form>";
        var html = $"<!DOCTYPE html><html lang=\"{E(language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(words.Title)}</title></head><body><main><h1>{E(words.Title)}</h1><p>{E(words.Text)}</p>{form}</main></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static class Words
    {
        // Whose link it was is unknown, so both languages.
        public static (string, string, string?) Invalid(string _) =>
            ("This link does not work · Este enlace no funciona",
             "The unsubscribe link is incomplete or was changed. Use the link in your most recent digest, or turn the digest off in your preferences after signing in. · "
             + "El enlace está incompleto o fue modificado. Use el enlace de su último resumen, o desactive el resumen en sus preferencias después de iniciar sesión.",
             null);

        public static (string, string, string?) Confirm(string language) => language == "es"
            ? ("¿Dejar de recibir el resumen diario?", "Ya no recibirá el resumen diario por correo. Seguirá viendo sus notificaciones en la aplicación.", "Dejar de recibirlo")
            : ("Stop the daily digest?", "You will no longer get the daily digest by e-mail. Your notifications stay in the app.", "Stop the digest");

        public static (string, string, string?) Done(string language) => language == "es"
            ? ("Listo: no recibirá más resúmenes", "Puede volver a activarlo en sus preferencias cuando quiera.", null)
            : ("Done: no more digests", "You can turn the digest on again in your preferences at any time.", null);
    }
}
