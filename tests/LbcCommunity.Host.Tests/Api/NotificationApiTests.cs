using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Follows, the inbox and preferences through the REST API: what each answers, and bad input refused with nothing changed.</summary>
[Collection(NotificationHostCollection.Name)]
public sealed class NotificationApiTests(NotificationHostFixture fixture)
{
    [Fact]
    public async Task A_member_follows_their_community_and_a_tag_lists_and_unfollows_them()
    {
        var world = await NotificationWorld.Create(fixture);
        var member = await world.Member("Member", "cop");

        var community = await member.Client.PutAsync(world.Path("follows/communities/cop"), null);
        var tag = await member.Client.PutAsync(world.Path("follows/tags/family-engagement"), null);
        var again = await member.Client.PutAsync(world.Path("follows/tags/family-engagement"), null);
        var listed = await member.Client.GetFromJsonAsync<JsonElement>(world.Path("follows"));
        var unfollowed = await member.Client.DeleteAsync(world.Path("follows/communities/cop"));
        var unfollowedTwice = await member.Client.DeleteAsync(world.Path("follows/communities/cop"));
        var after = await member.Client.GetFromJsonAsync<JsonElement>(world.Path("follows"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (community.StatusCode, tag.StatusCode));
        Assert.Equal((await tag.Content.ReadAsStringAsync()), await again.Content.ReadAsStringAsync());
        Assert.Equal(["Community:cop", "Tag:family-engagement"], listed.EnumerateArray().Select(f => $"{f.GetProperty("kind").GetString()}:{f.GetProperty("id").GetString()}"));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (unfollowed.StatusCode, unfollowedTwice.StatusCode));
        Assert.Equal(["family-engagement"], after.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Following_a_community_one_may_not_read_is_403_a_missing_one_404_a_malformed_tag_400_and_nothing_is_stored()
    {
        var world = await NotificationWorld.Create(fixture);
        var outsider = await world.Member("Outsider", "other");
        var admin = fixture.Host.ApiAs(await fixture.Host.StateAdminToken(world.TenantId));

        var notMember = await Assert.ThrowsAsync<LbcApiException>(() => outsider.Api.FollowAsync(world.TenantId, FollowKind.Community, "cop"));
        var missing = await Assert.ThrowsAsync<LbcApiException>(() => admin.FollowAsync(world.TenantId, FollowKind.Community, "atlantis"));
        var badTag = await Assert.ThrowsAsync<LbcApiException>(() => outsider.Api.FollowAsync(world.TenantId, FollowKind.Tag, "Family Engagement"));
        var longTag = await Assert.ThrowsAsync<LbcApiException>(() => outsider.Api.FollowAsync(world.TenantId, FollowKind.Tag, new string('a', 65)));

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (notMember.Status, notMember.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (missing.Status, missing.Code));
        foreach (var refused in new[] { badTag, longTag })
        {
            Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (refused.Status, refused.Code));
            Assert.Equal(["tag"], refused.Errors.Keys);
        }

        Assert.Empty(await outsider.Api.ListMyFollowsAsync(world.TenantId));
        Assert.Empty(await admin.ListMyFollowsAsync(world.TenantId));
    }

    [Fact]
    public async Task Through_the_client_preferences_change_and_a_refused_language_names_the_field_and_changes_nothing()
    {
        var world = await NotificationWorld.Create(fixture);
        var member = await world.Member("Member", "cop");

        var refused = await Assert.ThrowsAsync<LbcApiException>(() => member.Api.SetMyPreferencesAsync(world.TenantId, new NotificationPreferencesDraft { Language = "fr", DigestEnabled = false }));
        var unchanged = await member.Api.GetMyPreferencesAsync(world.TenantId);
        var changed = await member.Api.SetMyPreferencesAsync(world.TenantId, new NotificationPreferencesDraft { Language = "es", DigestEnabled = false });
        var read = await member.Api.GetMyPreferencesAsync(world.TenantId);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (refused.Status, refused.Code));
        Assert.Equal(["language"], refused.Errors.Keys);
        Assert.Equal(("en", true), (unchanged.Language, unchanged.DigestEnabled));
        Assert.Equal(("es", false), (changed.Language, changed.DigestEnabled));
        Assert.Equal(("es", false), (read.Language, read.DigestEnabled));
    }

    [Fact]
    public async Task The_inbox_answers_newest_first_with_the_unread_count_and_marks_one_or_all_read()
    {
        var world = await NotificationWorld.Create(fixture);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        await reader.Api.FollowAsync(world.TenantId, FollowKind.Community, "cop");
        foreach (var story in new[] { "one", "two", "three" })
        {
            await world.Record(world.Published(story, $"Story {story}", author, StoryVisibility.State));
        }

        var page = await reader.Api.ListMyNotificationsAsync(world.TenantId, limit: 2);
        var older = await reader.Api.ListMyNotificationsAsync(world.TenantId, limit: 2, before: page.NextBefore);
        var marked = await reader.Api.MarkNotificationReadAsync(world.TenantId, page.Items[0].Id);
        var unknown = await Assert.ThrowsAsync<LbcApiException>(() => reader.Api.MarkNotificationReadAsync(world.TenantId, 999));
        var afterOne = await reader.Api.ListMyNotificationsAsync(world.TenantId);
        var all = await reader.Api.MarkAllNotificationsReadAsync(world.TenantId);
        var afterAll = await reader.Api.ListMyNotificationsAsync(world.TenantId);

        Assert.Equal((3, 3), (page.UnreadCount, page.Total));
        Assert.Equal(["three", "two"], page.Items.Select(n => n.StoryId));
        Assert.Equal(["one"], older.Items.Select(n => n.StoryId));
        Assert.Null(older.NextBefore);
        var item = page.Items[0];
        Assert.Equal((StoryActivityKind.Published, NotificationReason.FollowsCommunity, "Parent Mentors", "Ana Author", "three/published/1"), (item.Kind, item.Reason, item.CommunityName, item.ActorDisplayName, item.ActivityId));
        Assert.True(marked.Read);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknown.Status, unknown.Code));
        Assert.Equal(2, afterOne.UnreadCount);
        Assert.Equal(2, all.Count);
        Assert.Equal(0, afterAll.UnreadCount);
        Assert.Empty((await author.Api.ListMyNotificationsAsync(world.TenantId)).Items);
    }

    [Theory]
    [InlineData("notifications?limit=0", "limit")]
    [InlineData("notifications?limit=101", "limit")]
    [InlineData("notifications?limit=ten", "limit")]
    [InlineData("notifications?before=0", "before")]
    [InlineData("notifications?limit=5&limit=6", "limit")]
    public async Task A_bad_page_request_is_400_naming_the_parameter(string query, string field)
    {
        var world = await NotificationWorld.Create(fixture);
        var member = await world.Member("Member", "cop");

        await AssertInvalid(await member.Client.GetAsync(world.Path(query)), field);
    }

    [Fact]
    public async Task Preferences_are_english_with_the_digest_on_until_changed_and_bad_ones_are_refused_by_field_with_nothing_changed()
    {
        var world = await NotificationWorld.Create(fixture);
        var member = await world.Member("Member", "cop");

        var initial = await member.Client.GetFromJsonAsync<JsonElement>(world.Path("preferences"));
        var unknownLanguage = await member.Client.PutAsJsonAsync(world.Path("preferences"), new { language = "fr", digestEnabled = false });
        var missing = await member.Client.PutAsJsonAsync(world.Path("preferences"), new { });
        var notBoolean = await member.Client.PutAsync(world.Path("preferences"), new StringContent("{\"language\":\"es\",\"digestEnabled\":\"no\"}", Encoding.UTF8, "application/json"));
        var unchanged = await member.Client.GetFromJsonAsync<JsonElement>(world.Path("preferences"));
        var changed = await member.Client.PutAsJsonAsync(world.Path("preferences"), new { language = "es", digestEnabled = false });
        var after = await member.Client.GetFromJsonAsync<JsonElement>(world.Path("preferences"));

        Assert.Equal(("en", true), (initial.GetProperty("language").GetString(), initial.GetProperty("digestEnabled").GetBoolean()));
        Assert.Equal(0, initial.GetProperty("digest").GetProperty("pending").GetInt32());
        await AssertInvalid(unknownLanguage, "language");
        await AssertInvalid(missing, "language", "digestEnabled");
        await AssertInvalid(notBoolean, "$.digestEnabled");
        Assert.Equal(initial.ToString(), unchanged.ToString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("es", false), (after.GetProperty("language").GetString(), after.GetProperty("digestEnabled").GetBoolean()));
    }

    private static async Task AssertInvalid(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid", problem.GetProperty("code").GetString());
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
