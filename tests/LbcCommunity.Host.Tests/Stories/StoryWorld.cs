using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LbcCommunity.Host.Tests.Stories;

/// <summary>
/// The stories' hosts: one embedded (SQLite FTS5) and one in cluster mode (PostgreSQL full text), each with a state
/// whose team "cafe" moved from Networking to Collaborating on "consensus-decisions", a team "troup" at Networking
/// there, the communities "parent-mentors" and "transition", and people in each.
/// </summary>
public sealed class StoryHosts : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _sqliteFolder = new();
    private readonly TemporaryFolder _postgresFolder = new();
    private readonly PostgresFixture _postgres = new();

    public Dictionary<string, StoryWorld> Worlds { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Worlds["sqlite"] = await StoryWorld.Create(new LbcHostFactory(_sqliteFolder.Path), "sqlite");
        Worlds["postgres"] = await StoryWorld.Create(new LbcHostFactory(_postgresFolder.Path, LbcHostFactory.ClusterSettings(_postgres.ConnectionString)), _postgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var world in Worlds.Values)
        {
            await world.Host.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }

    public void Dispose()
    {
        _sqliteFolder.Dispose();
        _postgresFolder.Dispose();
    }
}

public sealed class StoryWorld
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private StoryWorld(LbcHostFactory host, string tenantId, string store)
    {
        Host = host;
        TenantId = tenantId;
        Store = store;
    }

    public LbcHostFactory Host { get; }

    public string TenantId { get; }

    /// <summary>"sqlite", or the PostgreSQL connection string.</summary>
    public string Store { get; }

    public HttpClient Author { get; private set; } = null!;

    public HttpClient Facilitator { get; private set; } = null!;

    /// <summary>A member of "parent-mentors" who is on no team.</summary>
    public HttpClient Member { get; private set; } = null!;

    /// <summary>A member of "transition" and of team "troup" (at Networking on consensus-decisions).</summary>
    public HttpClient Outsider { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public string Api => $"/api/tenants/{TenantId}";

    /// <summary>The typed client (LbcCommunity.Client) over <paramref name="client"/>'s token.</summary>
    public static LbcCommunityClient Typed(HttpClient client) => new(client);

    /// <summary>The CAFÉ story's draft as the client sends it.</summary>
    public static StoryDraft TypedDraft(string id, string title, StoryVisibility visibility = StoryVisibility.Community) => new()
    {
        Id = id,
        Title = title,
        Summary = "Graduation rose from 60 % to 94.7 % for regular education.",
        Body = "Parents, teachers and the faith community used the **Dialogue Guide**.",
        Visibility = visibility,
        TeamId = "cafe",
        Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Declining scores, absenteeism, low parent involvement." },
        Habits = [Habit.CoalescingAroundIssues],
        RowIds = ["consensus-decisions"],
        Tools = [StoryTool.DialogueGuide, StoryTool.WorldCafe],
        Outcomes = [new StoryOutcome { Measure = "Graduation rate, regular education", Baseline = 60, Result = 94.7m, Unit = "%", Period = "4th year", Source = "Georgia DOE" }],
        DepthChanges = [new DepthChangeDraft { RowId = "consensus-decisions" }],
        Quotes = [new StoryQuote { Text = "Together, we switched from a defensive position to an offensive one.", Who = "CAFÉ member" }],
        Tags = ["graduation"],
    };

    public static async Task<StoryWorld> Create(LbcHostFactory host, string store)
    {
        var api = host.Api();
        var tenantId = await ApiWorld.NewStateWithTeam(api);
        await api.CreateDistrictAsync(tenantId, new DistrictDraft { Id = "troup", Name = "Troup County", RegionId = "west" });
        await api.CreateTeamAsync(tenantId, "graduatefirst", new TeamDraft { Id = "troup", Name = "Troup team", DistrictId = "troup" });
        await api.CreateCommunityAsync(tenantId, new CommunityDraft { Id = "parent-mentors", Name = "Parent Mentors" });
        await api.CreateCommunityAsync(tenantId, new CommunityDraft { Id = "transition", Name = "Transition" });
        await api.AddMemberAsync(tenantId, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "CAFÉ parent mentor", Email = "author@story.test", StakeholderRole = StakeholderRole.ParentMentor });
        await api.AddMemberAsync(tenantId, Roster.OfCommunity("parent-mentors"), new MemberDraft { DisplayName = "CAFÉ parent mentor", Email = "author@story.test", StakeholderRole = StakeholderRole.ParentMentor });
        await api.AddMemberAsync(tenantId, Roster.OfCommunity("parent-mentors"), new MemberDraft { DisplayName = "Mentor lead", Email = "lead@story.test", StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = true });
        await api.AddMemberAsync(tenantId, Roster.OfCommunity("parent-mentors"), new MemberDraft { DisplayName = "Mentor", Email = "member@story.test", StakeholderRole = StakeholderRole.Teacher });
        await api.AddMemberAsync(tenantId, Roster.OfCommunity("transition"), new MemberDraft { DisplayName = "Troup teacher", Email = "outsider@story.test", StakeholderRole = StakeholderRole.Teacher });
        await api.AddMemberAsync(tenantId, Roster.OfTeam("troup"), new MemberDraft { DisplayName = "Troup teacher", Email = "outsider@story.test", StakeholderRole = StakeholderRole.Teacher });
        var now = DateTimeOffset.UtcNow;
        await api.RecordConsensusRatingAsync(tenantId, "cafe", Rating("c1", now.AddDays(-200), 100, 100, 0));
        await api.RecordConsensusRatingAsync(tenantId, "cafe", Rating("c2", now.AddDays(-10), 100, 100, 100));
        await api.RecordConsensusRatingAsync(tenantId, "troup", Rating("t1", now.AddDays(-5), 100, 100, 0));
        var world = new StoryWorld(host, tenantId, store)
        {
            Author = host.ClientWith(await host.TokenFor(tenantId, "author@story.test")),
            Facilitator = host.ClientWith(await host.TokenFor(tenantId, "lead@story.test")),
            Member = host.ClientWith(await host.TokenFor(tenantId, "member@story.test")),
            Outsider = host.ClientWith(await host.TokenFor(tenantId, "outsider@story.test")),
            Admin = host.ClientWith(await host.StateAdminToken(tenantId)),
            Anonymous = host.ClientWith(null),
        };
        return world;
    }

    private static RatingDraft Rating(string key, DateTimeOffset at, params int[] cells) => new()
    {
        RubricVersion = 1,
        IdempotencyKey = key,
        RatedAt = at,
        Rows = [new RowRatingDraft { RowId = "consensus-decisions", Cells = [.. cells.Concat([0]).Select((a, i) => new CellAttainment { Level = (DepthLevel)(i + 1), AttainmentPercent = a })] }],
    };

    /// <summary>The CAFÉ story's draft, with a title and words of the caller's choosing.</summary>
    public static object Draft(string id, string title, string visibility = "Community", string? body = null, bool team = true, string tag = "graduation") => new
    {
        id,
        title,
        summary = "Graduation rose from 60 % to 94.7 % for regular education.",
        body = body ?? "Parents, teachers and the faith community used the **Dialogue Guide**.",
        visibility,
        teamId = team ? "cafe" : null,
        challenge = new { kind = "Adaptive", text = "Declining scores, absenteeism, low parent involvement." },
        habits = new[] { "CoalescingAroundIssues" },
        rowIds = new[] { "consensus-decisions" },
        tools = new[] { "DialogueGuide", "WorldCafe" },
        outcomes = new[] { new { measure = "Graduation rate, regular education", baseline = 60, result = 94.7, unit = "%", period = "4th year", population = "Regular education", source = "Georgia DOE", verifiedBy = "Evaluator" } },
        depthChanges = team ? new[] { new { rowId = "consensus-decisions" } } : [],
        quotes = new[] { new { text = "Together, we switched from a defensive position to an offensive one.", who = "CAFÉ member" } },
        tags = new[] { tag },
    };

    /// <summary>Writes (unless <paramref name="existingId"/> names a draft), submits and (as the facilitator) publishes a story; returns it as published.</summary>
    public async Task<JsonElement> Publish(object draft, string? existingId = null)
    {
        var id = existingId;
        if (id is null)
        {
            var created = await Author.PostAsJsonAsync($"{Api}/communities/parent-mentors/stories", draft, Json);
            created.EnsureSuccessStatusCode();
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var submitted = await (await Author.PostAsJsonAsync($"{Api}/stories/{id}/transitions", new { action = "Submit" }, Json)).Content.ReadFromJsonAsync<JsonElement>();
        if (submitted.GetProperty("status").GetString() == "Published")
        {
            return submitted;
        }

        var published = await Facilitator.PostAsJsonAsync($"{Api}/stories/{id}/transitions", new { action = "Publish" }, Json);
        published.EnsureSuccessStatusCode();
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<List<string>> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync($"{Api}/stories?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("storyId").GetString()!)];
    }

    /// <summary>Runs SQL on the host's own store (the SQLite file or the PostgreSQL database).</summary>
    public async Task Sql(string sql)
    {
        if (Store == "sqlite")
        {
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Host.DataFolder, "lbc.db"), DefaultTimeout = 30 }.ToString());
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var postgres = new NpgsqlConnection(Store);
        await postgres.OpenAsync();
        await using var pg = new NpgsqlCommand(sql, postgres);
        await pg.ExecuteNonQueryAsync();
    }
}
