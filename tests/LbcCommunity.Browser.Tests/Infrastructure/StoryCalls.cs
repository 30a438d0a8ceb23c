using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>Someone the tests add to a roster and sign in as (the development sign-in lists them by name and e-mail).</summary>
public sealed record TestPerson(string Name, string Email);

/// <summary>
/// The stories' and notifications' REST calls a browser test makes to set the scene and to check what the server
/// stored (the typed client has none of them yet), over plain HTTP as the person named, each with a fresh sign-in.
/// </summary>
public sealed class StoryCalls(BrowserHost host)
{
    public const string ParentMentors = "parent-mentors";
    public const string ParentMentorsName = "Parent Mentors Community of Practice";

    /// <summary>A 1×1 PNG, a real image the server recognises by its signature.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A small PDF (its signature is what the server reads).</summary>
    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n");

    public string Url(string path) => new Uri(host.BaseAddress, path).ToString();

    /// <summary>Adds a person to a community's roster (as state staff), so they can sign in and read its stories.</summary>
    public async Task<TestPerson> JoinCommunity(string communityId, string name, string email, StakeholderRole role, bool facilitator = false)
    {
        var admin = host.ApiAs((await host.SignInAsync(BrowserHost.TenantId, BrowserHost.StateAdminEmail)).AccessToken);
        await admin.AddMemberAsync(BrowserHost.TenantId, Roster.OfCommunity(communityId), new MemberDraft { DisplayName = name, Email = email, StakeholderRole = role, IsFacilitator = facilitator });
        return new TestPerson(name, email);
    }

    /// <summary>Writes a draft in <paramref name="communityId"/> as <paramref name="author"/>.</summary>
    public Task<Story> Draft(TestPerson author, StoryDraft draft, string communityId = ParentMentors) =>
        Send<Story>(author.Email, HttpMethod.Post, $"communities/{communityId}/stories", draft);

    /// <summary>Submits a draft and, when it is not published at once (an author's first stories are reviewed), publishes it as the facilitator.</summary>
    public async Task<Story> Publish(TestPerson author, TestPerson facilitator, string storyId)
    {
        var submitted = await Send<Story>(author.Email, HttpMethod.Post, $"stories/{storyId}/transitions", new StoryTransition { Action = StoryAction.Submit });
        return submitted.Status == StoryStatus.Published
            ? submitted
            : await Send<Story>(facilitator.Email, HttpMethod.Post, $"stories/{storyId}/transitions", new StoryTransition { Action = StoryAction.Publish });
    }

    /// <summary>Attaches a file to a draft through the API, as its author.</summary>
    public async Task<StoryAttachment> Attach(TestPerson author, string storyId, string fileName, string? altText, byte[] bytes)
    {
        var path = $"stories/{storyId}/attachments?fileName={Uri.EscapeDataString(fileName)}" + (altText is null ? string.Empty : $"&altText={Uri.EscapeDataString(altText)}");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Call(author.Email, HttpMethod.Post, path, content);
        return await Read<StoryAttachment>(response, path);
    }

    public Task<Story> Story(string email, string storyId) => Send<Story>(email, HttpMethod.Get, $"stories/{storyId}");

    /// <summary>A call of the tenant's API (<c>/api/tenants/ga/{path}</c>) as <paramref name="email"/>; a refusal fails the test.</summary>
    public async Task<T> Send<T>(string email, HttpMethod method, string path, object? body = null)
    {
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: LbcCommunityClient.JsonOptions);
        using var response = await Call(email, method, path, content);
        return await Read<T>(response, path);
    }

    /// <summary>The same call, its answer as it came (to check a refusal).</summary>
    public async Task<HttpResponseMessage> Call(string email, HttpMethod method, string path, HttpContent? content = null)
    {
        using var http = host.ClientWith((await host.SignInAsync(BrowserHost.TenantId, email)).AccessToken);
        using var request = new HttpRequestMessage(method, $"/api/tenants/{BrowserHost.TenantId}/{path}") { Content = content };
        return await http.SendAsync(request);
    }

    /// <summary>Asks again (every 250 ms, for up to 20 s) until the answer is what <paramref name="done"/> waits for: hand-overs between grains take a moment.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Chooses the person on the development sign-in page.</summary>
    public static async Task SignIn(IPage page, TestPerson person) =>
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(person.Name)} — {Regex.Escape(person.Email)} \\(ga: ") }).ClickAsync();

    /// <summary>The story's id from the address of its page (<c>/stories/{id}</c> or <c>/stories/{id}/edit</c>).</summary>
    public static string StoryIdOf(IPage page)
    {
        var segments = new Uri(page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Uri.UnescapeDataString(segments[1]);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, string path)
    {
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(LbcCommunityClient.JsonOptions))!;
    }
}
