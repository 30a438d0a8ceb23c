using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.ActionPlans;
using LbcCommunity.Client;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A community's convening with a personal action plan, through the real hub and host: each participant reads their
/// own actions afterwards (the facilitator everyone's), the actions are on the community's plan, and a participant
/// e-mails theirs to themself through MailKit to a real SMTP server, three times at most; bad input sends nothing.
/// </summary>
[Collection(NotificationHostCollection.Name)]
public sealed class PersonalActionsMailTests(NotificationHostFixture fixture)
{
    [Fact]
    public async Task A_participant_reads_and_e_mails_their_own_personal_actions_and_the_communitys_plan_has_everyones()
    {
        var world = await NotificationWorld.Create(fixture);
        var lead = await world.Member("Lead", "cop", facilitator: true);
        var mentor = await world.Member("Mentor", "cop");
        var convening = await Read<Convening>(await lead.Client.PostAsJsonAsync($"/api/tenants/{world.TenantId}/convenings", new
        {
            title = "Parent mentors' winter meeting",
            ownerKind = "Community",
            ownerId = "cop",
            agenda = new[] { new { kind = "PersonalActionPlan", title = "My next steps" } },
        }), HttpStatusCode.Created);
        await using var leadHub = await fixture.Host.Convening(await fixture.Host.TokenFor(world.TenantId, lead.Email));
        await using var mentorHub = await fixture.Host.Convening(await fixture.Host.TokenFor(world.TenantId, mentor.Email));
        await leadHub.JoinAsync(world.TenantId, convening.Id, new JoinRequest());
        await mentorHub.JoinAsync(world.TenantId, convening.Id, new JoinRequest());
        await leadHub.StartActivityAsync(world.TenantId, convening.Id, "item-1");
        await mentorHub.WritePersonalActionAsync(world.TenantId, convening.Id, "Call three <b>new</b> families & listen");
        await leadHub.WritePersonalActionAsync(world.TenantId, convening.Id, "Book the library room", fixture.Clock.GetUtcNow().AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await leadHub.ClosePersonalActionsAsync(world.TenantId, convening.Id);

        var path = $"/api/tenants/{world.TenantId}/convenings/{convening.Id}/personal-actions";
        var mine = await Read<List<PersonalAction>>(await mentor.Client.GetAsync(path), HttpStatusCode.OK);
        var everyone = await Read<List<PersonalAction>>(await lead.Client.GetAsync(path), HttpStatusCode.OK);
        var plan = await Read<ActionPlanView>(await mentor.Client.GetAsync($"/api/tenants/{world.TenantId}/communities/cop/action-plan"), HttpStatusCode.OK);
        var badAddress = await mentor.Client.PostAsJsonAsync($"{path}/email", new { email = "not an address", language = "fr" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await mentor.Client.PostAsJsonAsync($"{path}/email", new { email = "mentor.home@example.org", language = "es" })).StatusCode);
        }

        var messages = await fixture.Smtp.WaitForMessagesTo("mentor.home@example.org", 3);

        Assert.Equal("Call three <b>new</b> families & listen", Assert.Single(mine).Text);
        Assert.Equal(2, everyone.Count);
        Assert.Equal(["Book the library room", "Call three <b>new</b> families & listen"], plan.Actions.Select(a => a.Title).Order(StringComparer.Ordinal));
        Assert.All(plan.Actions, a => Assert.Equal((convening.Id, false, ActionStatus.NotStarted), (a.ConveningId, a.OwnerIsGuest, a.Status)));
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        var errors = JsonDocument.Parse(await badAddress.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["email", "language"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.Conflict], statuses);
        Assert.Equal(3, messages.Count);
        var message = messages[0];
        Assert.Equal("Su plan de acción personal: Parent mentors' winter meeting", message.Subject);
        Assert.Contains("Call three <b>new</b> families & listen", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Call three &lt;b&gt;new&lt;/b&gt; families &amp; listen", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Book the library room", message.TextBody, StringComparison.Ordinal);
        var owed = await TenantScope.For(world.TenantId, () => fixture.Grains.GetGrain<IConveningGrain>(GrainKeys.Of(world.TenantId, convening.Id)).PersonalActionsOwed());
        Assert.False(owed);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, LbcCommunityClient.JsonOptions)!;
    }
}
