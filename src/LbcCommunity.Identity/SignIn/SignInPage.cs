using System.Text;
using System.Text.Encodings.Web;

namespace LbcCommunity.Identity.SignIn;

/// <summary>The few server-rendered pages of sign-in: plain, accessible HTML, no script.</summary>
internal static class SignInPage
{
    public static string Render(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{Encode(title)}} · LbcCommunity</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; color: #1b2733; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
            label { display: block; margin: .75rem 0 .25rem; }
            input, select, button { font-size: 1rem; padding: .5rem; }
            input[type=email], input[type=text], select { width: 100%; box-sizing: border-box; }
            button { margin-top: .75rem; cursor: pointer; }
            .development { border: 3px dashed #b7791f; background: #fffbea; padding: 1rem; margin-top: 2rem; }
            .development strong { color: #975a16; }
            p, code { overflow-wrap: anywhere; }
            .error { background: #fde8e8; border-left: 4px solid #c53030; padding: .75rem; }
            ul.people { list-style: none; padding: 0; } ul.people li { margin: .25rem 0; }
          </style>
        </head>
        <body>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""";

    public static string Error(string? message) => message is null ? string.Empty : $"""<p class="error" role="alert">{Encode(message)}</p>""";

    /// <summary>
    /// A sign-in that did not go through, as a whole page: what happened, what to do, and the ways on (back to the
    /// sign-in page first, then <paramref name="links"/>).
    /// </summary>
    public static string Failure(string title, string whatHappened, string? whatToDo, params (string Label, string Href)[] links)
    {
        var ways = links.Prepend((Label: "Back to sign-in", Href: "/signin")).Select(l => $"""<a href="{Encode(l.Href)}">{Encode(l.Label)}</a>""");
        return Render(title, $"""
            <h1>{Encode(title)}</h1>
            {Error(whatHappened)}
            {(whatToDo is null ? string.Empty : $"<p><strong>What to do:</strong> {Encode(whatToDo)}</p>")}
            <p>{string.Join(" · ", ways)}</p>
            """);
    }

    public static string List(IEnumerable<string> items)
    {
        var html = new StringBuilder("<ul class=\"people\">");
        foreach (var item in items)
        {
            html.Append("<li>").Append(item).Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }
}
