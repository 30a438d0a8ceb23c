using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.Contracts;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace LbcCommunity.Host.Tests.Stories;

/// <summary>Stories through the real host, on SQLite (FTS5) and on PostgreSQL (full text): search, visibility, input, the index's outbox, attachments, Markdown.</summary>
public sealed class StoryApiTests(StoryHosts hosts) : IClassFixture<StoryHosts>
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Search_finds_published_stories_by_word_and_by_each_filter_title_matches_first(string store)
    {
        var world = hosts.Worlds[store];
        var word = "w" + Guid.NewGuid().ToString("N")[..8];
        var inTitle = Unique("title");
        var inBody = Unique("body");
        var draftOnly = Unique("draft");
        await world.Publish(StoryWorld.Draft(inBody, "A team's year", body: $"The {word} helped us.", tag: word));
        await world.Publish(StoryWorld.Draft(inTitle, $"The {word} story", team: false, tag: word));
        (await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", StoryWorld.Draft(draftOnly, $"{word} unpublished"), StoryWorld.Json)).EnsureSuccessStatusCode();

        Assert.Equal([inTitle, inBody], await world.Search(world.Member, $"q={word}"));
        Assert.Equal([inTitle, inBody], await world.Search(world.Member, $"q=graduations%20{word}&habit=CoalescingAroundIssues&rowId=consensus-decisions"));
        Assert.Equal([inBody], await world.Search(world.Member, $"q={word}&rowId=consensus-decisions&from=Networking&to=Collaborating"));
        Assert.Empty(await world.Search(world.Member, $"q={word}&rowId=consensus-decisions&from=Informing"));
        Assert.Equal([inBody], await world.Search(world.Member, $"tag={word}&regionId=west"));
        Assert.Equal(2, (await world.Search(world.Member, $"q={word}&measure=graduation%20rate&year={DateTimeOffset.UtcNow.Year}&communityId=parent-mentors")).Count);
        Assert.Empty(await world.Search(world.Member, $"q={word}&measure=attendance"));
        Assert.Empty(await world.Search(world.Member, $"q={word}&communityId=transition"));
        Assert.Empty(await world.Search(world.Member, $"q={word}&year=2001"));
        var bad = await world.Member.GetAsync($"{world.Api}/stories?q={word}&from=Networking");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rowId", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_community_only_story_is_invisible_outside_the_community_and_a_link_story_is_read_by_its_token(string store)
    {
        var world = hosts.Worlds[store];
        var word = "v" + Guid.NewGuid().ToString("N")[..8];
        var community = (await world.Publish(StoryWorld.Draft(Unique("community"), $"{word} community"))).GetProperty("id").GetString()!;
        var state = (await world.Publish(StoryWorld.Draft(Unique("state"), $"{word} state", "State"))).GetProperty("id").GetString()!;
        var link = await world.Publish(StoryWorld.Draft(Unique("link"), $"{word} link", "Link"));
        var linkId = link.GetProperty("id").GetString()!;
        var token = link.GetProperty("shareToken").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await world.Outsider.GetAsync($"{world.Api}/stories/{community}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Outsider.GetAsync($"{world.Api}/stories/{state}")).StatusCode);
        Assert.Equal(new[] { linkId, state }.Order(), (await world.Search(world.Outsider, $"q={word}")).Order());
        Assert.Equal(3, (await world.Search(world.Member, $"q={word}")).Count);
        Assert.Equal(3, (await world.Search(world.Admin, $"q={word}")).Count);
        var outsiderView = await (await world.Outsider.GetAsync($"{world.Api}/stories/{linkId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(outsiderView.TryGetProperty("shareToken", out _));

        var shared = await world.Anonymous.GetAsync($"/shared/{world.TenantId}/stories/{linkId}/{token}");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Anonymous.GetAsync($"/shared/{world.TenantId}/stories/{linkId}/{token[..^1]}x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Anonymous.GetAsync($"/shared/{world.TenantId}/stories/{state}/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Anonymous.GetAsync($"/shared/no-such-state/stories/{linkId}/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.Anonymous.GetAsync($"{world.Api}/stories/{linkId}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_team_at_networking_finds_the_story_of_a_team_that_moved_to_collaborating_and_comments(string store)
    {
        var world = hosts.Worlds[store];
        var id = (await world.Publish(StoryWorld.Draft(Unique("cafe"), "CAFÉ", "State"))).GetProperty("id").GetString()!;

        var like = await (await world.Outsider.GetAsync($"{world.Api}/teams/troup/stories-like-mine?rowId=consensus-decisions")).Content.ReadFromJsonAsync<JsonElement>();
        var own = await (await world.Author.GetAsync($"{world.Api}/teams/cafe/stories-like-mine")).Content.ReadFromJsonAsync<JsonElement>();
        var comment = await world.Outsider.PostAsJsonAsync($"{world.Api}/stories/{id}/comments", new { text = "We start this in Troup." });
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var edited = await (await world.Outsider.PutAsJsonAsync($"{world.Api}/stories/{id}/comments/{commentId}", new { text = "We start this in Troup next fall." })).Content.ReadFromJsonAsync<JsonElement>();
        var reacted = await world.Outsider.PutAsync($"{world.Api}/stories/{id}/reactions/WillTry", null);

        Assert.Contains(id, like.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("storyId").GetString()));
        Assert.DoesNotContain(id, own.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("storyId").GetString()));
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        Assert.Equal(["id", "authorPersonId", "authorName", "text", "at", "editedAt"], edited.EnumerateObject().Select(p => p.Name));
        Assert.Equal("We start this in Troup next fall.", edited.GetProperty("text").GetString());
        Assert.Equal(1, (await reacted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reactions").GetProperty("WillTry").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Member.GetAsync($"{world.Api}/teams/troup/stories-like-mine")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_stored(string store)
    {
        var world = hosts.Worlds[store];
        var id = Unique("bad");
        var draft = JsonSerializer.SerializeToNode(StoryWorld.Draft(id, "Bad"), StoryWorld.Json)!;
        draft["outcomes"]![0]!["baseline"] = null;
        draft["depthChanges"] = JsonSerializer.SerializeToNode(new[] { new { rowId = "consensus-decisions", from = "Informing", to = "Transforming" } });

        var refused = await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", draft);
        var typed = await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", JsonSerializer.SerializeToNode(StoryWorld.Draft(id, "Typed"), StoryWorld.Json)!.AsObject().Also(o => o["depthChanges"] = JsonSerializer.SerializeToNode(new[] { new { rowId = "consensus-decisions", from = "Informing", to = "Transforming" } })));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var typedProblem = await typed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("outcomes[0].baseline", out _));
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.True(typedProblem.GetProperty("errors").TryGetProperty("depthChanges[0]", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Author.GetAsync($"{world.Api}/stories/{id}")).StatusCode);
        var listed = await (await world.Admin.GetAsync($"{world.Api}/communities/parent-mentors/stories")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(id, listed.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_publication_whose_index_write_fails_is_found_once_the_story_comes_back_and_a_rebuild_restores_a_lost_index(string store)
    {
        var world = hosts.Worlds[store];
        var word = "o" + Guid.NewGuid().ToString("N")[..8];
        var id = Unique("outbox");
        (await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", StoryWorld.Draft(id, $"{word} outbox", "State"), StoryWorld.Json)).EnsureSuccessStatusCode();

        // The index refuses every write, as a store that went away after the grain's own write would.
        await world.Sql(store == "sqlite"
            ? "CREATE TRIGGER story_index_down BEFORE UPDATE ON story_index BEGIN SELECT RAISE(ABORT, 'index down'); END"
            : "CREATE FUNCTION story_index_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'index down'; END $$; CREATE TRIGGER story_index_down BEFORE UPDATE ON story_index FOR EACH ROW EXECUTE FUNCTION story_index_down()");
        HttpResponseMessage published;
        try
        {
            // Submitted, then published (an author with a story published before publishes at once).
            published = await world.Author.PostAsJsonAsync($"{world.Api}/stories/{id}/transitions", new { action = "Submit" });
            if ((await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != "Published")
            {
                published = await world.Facilitator.PostAsJsonAsync($"{world.Api}/stories/{id}/transitions", new { action = "Publish" });
            }

            Assert.Empty(await world.Search(world.Outsider, $"q={word}"));
        }
        finally
        {
            await world.Sql(store == "sqlite" ? "DROP TRIGGER story_index_down" : "DROP TRIGGER story_index_down ON story_index; DROP FUNCTION story_index_down()");
        }

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Published", (await (await world.Outsider.GetAsync($"{world.Api}/stories/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var grains = world.Host.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IStoryGrain>(GrainKeys.Of(world.TenantId, id));
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await world.Outsider.GetAsync($"{world.Api}/stories/{id}");
        Assert.Equal([id], await world.Search(world.Outsider, $"q={word}"));

        await world.Sql("DELETE FROM story_facet; DELETE FROM story_depth; DELETE FROM story_index" + (store == "sqlite" ? "; DELETE FROM story_fts" : string.Empty));
        Assert.Empty(await world.Search(world.Outsider, $"q={word}"));
        var rebuilt = await world.Admin.PostAsync($"{world.Api}/story-index/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal([id], await world.Search(world.Outsider, $"q={word}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Facilitator.PostAsync($"{world.Api}/story-index/rebuild", null)).StatusCode);
    }

    [Fact]
    public async Task Hostile_markdown_is_rendered_without_script_handlers_javascript_links_frames_or_styles()
    {
        var world = hosts.Worlds["sqlite"];
        var body = """
            # Our year

            <script>alert('x')</script>

            <img src="x" onerror="alert(1)">

            [click](javascript:alert(1)) and [ok](https://gadoe.example/report)

            <iframe src="https://evil.example"></iframe>

            <p style="position:fixed">styled</p><style>body{display:none}</style>

            <a href="data:text/html,<script>alert(1)</script>">data</a>
            """;
        var created = await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", StoryWorld.Draft(Unique("hostile"), "Hostile", body: body), StoryWorld.Json);
        var story = await created.Content.ReadFromJsonAsync<JsonElement>();
        var html = story.GetProperty("bodyHtml").GetString()!;

        Assert.Equal(body, story.GetProperty("body").GetString());
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://gadoe.example/report\"", html, StringComparison.Ordinal);
        foreach (var hostile in new[] { "<script", "onerror", "javascript:", "<iframe", "style=", "<style", "data:text" })
        {
            Assert.DoesNotContain(hostile, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_image_is_served_with_its_type_and_no_script_svg_is_refused_and_outsiders_get_not_found(string store)
    {
        var world = hosts.Worlds[store];
        var id = Unique("attach");
        (await world.Author.PostAsJsonAsync($"{world.Api}/communities/parent-mentors/stories", StoryWorld.Draft(id, "With a photo"), StoryWorld.Json)).EnsureSuccessStatusCode();

        var noAlt = await world.Author.PostAsync($"{world.Api}/stories/{id}/attachments?fileName=team.png", new ByteArrayContent(Png));
        var png = await world.Author.PostAsync($"{world.Api}/stories/{id}/attachments?fileName=team.png&altText=The%20CAF%C3%89%20team%20at%20its%20table", new ByteArrayContent(Png));
        using var svgBody = new ByteArrayContent(Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"));
        svgBody.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var svg = await world.Author.PostAsync($"{world.Api}/stories/{id}/attachments?fileName=team.png", svgBody);
        var attachment = await png.Content.ReadFromJsonAsync<JsonElement>();
        var attachmentId = attachment.GetProperty("id").GetString()!;
        await world.Publish(null!, id);
        var served = await world.Member.GetAsync($"{world.Api}/stories/{id}/attachments/{attachmentId}");

        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.True((await noAlt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("altText", out _));
        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
        Assert.Equal("The CAFÉ team at its table", attachment.GetProperty("altText").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Contains("attachment-refused", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Single((await (await world.Member.GetAsync($"{world.Api}/stories/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await world.Outsider.GetAsync($"{world.Api}/stories/{id}/attachments/{attachmentId}")).StatusCode);
    }
}

internal static class JsonNodeExtensions
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
