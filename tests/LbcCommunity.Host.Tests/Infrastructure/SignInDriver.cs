using System.Net;
using System.Text.RegularExpressions;
using LbcCommunity.Client.Auth;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// Where the identity provider sends the browser back to the client: a redirect (GET, the code and
/// state in the query) or, for response_mode=form_post, an auto-submitted form (POST, the fields in
/// <see cref="Form"/>).
/// </summary>
public sealed record ClientCallback(Uri Target, HttpMethod Method, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    /// <summary>The request the browser would send to the client now.</summary>
    public HttpRequestMessage ToRequest() =>
        Method == HttpMethod.Post
            ? new HttpRequestMessage(HttpMethod.Post, Target) { Content = new FormUrlEncodedContent(Form) }
            : new HttpRequestMessage(HttpMethod.Get, Target);
}

/// <summary>
/// Does on an identity provider's pages what a person's browser would: keeps the provider's cookies,
/// follows its redirects, fills in the login form (a field named <c>login</c>, and <c>password</c>)
/// and submits any other form it shows (consent, sign-out confirmation) as it is. Stops at the first
/// step that leaves the provider's origin, without taking it. One driver is one browser: a second
/// sign-in through the same driver finds the provider's session.
/// </summary>
public sealed partial class SignInDriver : IDisposable
{
    private const int MaxSteps = 25;

    private readonly HttpClientHandler _handler;
    private readonly HttpClient _http;

    public SignInDriver()
    {
        _handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        };
        _http = new HttpClient(_handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The browser's cookies (the provider's session among them).</summary>
    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>
    /// Opens <paramref name="authorizationUrl"/> (the provider's authorization endpoint, as the client
    /// redirected the browser there), signs in as <paramref name="login"/> (an account's sub or email)
    /// and returns the redirect back to the client's redirect_uri (with <c>code</c> and <c>state</c>,
    /// or <c>error</c>), not followed. For response_mode=form_post use <see cref="SignInToCallbackAsync"/>.
    /// </summary>
    public async Task<Uri> SignInAsync(Uri authorizationUrl, string login, string? password = null, CancellationToken cancellationToken = default)
    {
        var callback = await SignInToCallbackAsync(authorizationUrl, login, password, cancellationToken);
        if (callback.Method != HttpMethod.Get)
        {
            throw new InvalidOperationException(
                $"The provider answered with a form posted to {callback.Target} (response_mode=form_post); use {nameof(SignInToCallbackAsync)}.");
        }

        return callback.Target;
    }

    /// <summary>As <see cref="SignInAsync"/>, for any response mode: the redirect or form post back to the client.</summary>
    public async Task<ClientCallback> SignInToCallbackAsync(Uri authorizationUrl, string login, string? password = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        ArgumentException.ThrowIfNullOrEmpty(login);
        return await BrowseAsync(authorizationUrl, login, password ?? "", cancellationToken)
            ?? throw new InvalidOperationException($"The provider at {authorizationUrl.GetLeftPart(UriPartial.Authority)} never sent the browser back to the client.");
    }

    /// <summary>
    /// Opens the provider's end-session URL (as the client redirected the browser there), confirms
    /// the sign-out, and returns the way back to the client's post_logout_redirect_uri, or null when
    /// the provider ends on a page of its own.
    /// </summary>
    public Task<ClientCallback?> SignOutAsync(Uri endSessionUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endSessionUrl);
        return BrowseAsync(endSessionUrl, login: null, password: "", cancellationToken);
    }

    /// <summary>
    /// Opens <paramref name="authorizationUrl"/> and, on the provider's login page, follows its "Cancel" link instead
    /// of signing in: returns the redirect back to the client (with <c>error=access_denied</c>), not followed.
    /// </summary>
    public async Task<Uri> CancelAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        var current = authorizationUrl;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var response = await _http.GetAsync(current, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new InvalidOperationException($"{current} answered {(int)response.StatusCode} without a Location.");
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!SameOrigin(next, authorizationUrl))
                {
                    return next;
                }

                current = next;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var cancel = CancelLinkPattern().Match(html);
            if (!cancel.Success)
            {
                throw new InvalidOperationException($"{current} ({(int)response.StatusCode}) shows no Cancel link: {TextOf(html)}");
            }

            current = new Uri(current, WebUtility.HtmlDecode(cancel.Groups["href"].Value));
        }

        throw new InvalidOperationException($"Gave up after {MaxSteps} steps on the provider; last at {current}.");
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private async Task<ClientCallback?> BrowseAsync(Uri start, string? login, string password, CancellationToken cancellationToken)
    {
        var current = start;
        using var first = new HttpRequestMessage(HttpMethod.Get, start);
        var request = first;
        var loginSubmitted = false;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (request != first)
            {
                request.Dispose();
            }

            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new InvalidOperationException($"{current} answered {(int)response.StatusCode} without a Location.");
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!SameOrigin(next, start))
                {
                    return new ClientCallback(next, HttpMethod.Get, []);
                }

                current = next;
                request = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{current} answered {(int)response.StatusCode}: {TextOf(html)}");
            }

            var forms = FormPattern().Matches(html);
            if (forms.Count == 0)
            {
                if (login is null)
                {
                    return null;
                }

                throw new InvalidOperationException($"{current} shows no form to go on with: {TextOf(html)}");
            }

            var form = forms.FirstOrDefault(f => Fields(f.Groups["body"].Value).Any(x => x.Name == "login")) ?? forms[0];
            var attributes = Attributes(form.Groups["attrs"].Value);
            var action = attributes.GetValueOrDefault("action") is { Length: > 0 } a ? new Uri(current, WebUtility.HtmlDecode(a)) : current;
            var isPost = string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase);
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var (name, value) in Fields(form.Groups["body"].Value))
            {
                switch (name)
                {
                    case "login" when login is not null:
                        if (loginSubmitted)
                        {
                            throw new InvalidOperationException($"The provider asked for the login again after '{login}' was submitted: {TextOf(html)}");
                        }

                        loginSubmitted = true;
                        fields.Add(new(name, login));
                        break;
                    case "password":
                        fields.Add(new(name, password));
                        break;
                    default:
                        fields.Add(new(name, value));
                        break;
                }
            }

            if (!SameOrigin(action, start))
            {
                return new ClientCallback(action, isPost ? HttpMethod.Post : HttpMethod.Get, fields);
            }

            current = action;
            if (isPost)
            {
                request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
            }
            else
            {
                var query = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
                request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(action) { Query = query }.Uri);
            }
        }

        throw new InvalidOperationException($"Gave up after {MaxSteps} steps on the provider; last at {current}.");
    }

    /// <summary>The named fields a browser would submit: inputs (checked ones for checkboxes and radios) and the first named submit button.</summary>
    private static List<(string Name, string Value)> Fields(string formBody)
    {
        var fields = new List<(string Name, string Value)>();
        var buttonTaken = false;
        foreach (Match element in FieldPattern().Matches(formBody))
        {
            var attributes = Attributes(element.Groups["attrs"].Value);
            if (attributes.GetValueOrDefault("name") is not { Length: > 0 } name)
            {
                continue;
            }

            var value = WebUtility.HtmlDecode(attributes.GetValueOrDefault("value") ?? "");
            var type = (attributes.GetValueOrDefault("type") ?? (element.Groups["tag"].Value.Equals("button", StringComparison.OrdinalIgnoreCase) ? "submit" : "text")).ToUpperInvariant();
            switch (type)
            {
                case "SUBMIT" or "IMAGE":
                    if (!buttonTaken)
                    {
                        buttonTaken = true;
                        fields.Add((name, value));
                    }

                    break;
                case "BUTTON" or "RESET" or "FILE":
                    break;
                case "CHECKBOX" or "RADIO":
                    if (attributes.ContainsKey("checked"))
                    {
                        fields.Add((name, value.Length > 0 ? value : "on"));
                    }

                    break;
                default:
                    fields.Add((name, value));
                    break;
            }
        }

        return fields;
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in AttributePattern().Matches(text))
        {
            attributes.TryAdd(attribute.Groups["name"].Value, attribute.Groups["value"].Success ? attribute.Groups["value"].Value : "");
        }

        return attributes;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string TextOf(string html)
    {
        var text = WhitespacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")), " ").Trim();
        return text.Length > 500 ? text[..500] + "…" : text;
    }

    [GeneratedRegex(@"<form\b(?<attrs>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(?<tag>input|button)\b(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+)))?")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<a\b[^>]*href=""(?<href>[^""]*)""[^>]*>\s*Cancel\s*</a>", RegexOptions.IgnoreCase)]
    private static partial Regex CancelLinkPattern();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    /// <summary>
    /// The rest of a federated sign-in after our server's challenge: the user signs in at the provider the challenge
    /// points to, the browser brings the callback back to our server, and the web app redeems our code.
    /// </summary>
    public static async Task<TokenSet> CompleteAtProviderAsync(HttpClient browser, Uri providerAuthorization, string login, string verifier, string state)
    {
        using var atProvider = new SignInDriver();
        var callback = await atProvider.SignInToCallbackAsync(providerAuthorization, login);
        var back = await browser.SendAsync(callback.ToRequest());
        if (back.StatusCode != HttpStatusCode.Redirect)
        {
            throw new LbcSignInException((int)back.StatusCode, await back.Content.ReadAsStringAsync());
        }

        return await LbcSignIn.CompleteAsync(browser, back.Headers.Location!.ToString(), verifier, state);
    }
}
