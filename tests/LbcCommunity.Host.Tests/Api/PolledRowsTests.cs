using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A guest rates rows in a depth poll but may not read the tenant's rubric: the convening answers the polled rows'
/// words to those who may read the convening, and nothing of the rubric's other rows.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class PolledRowsTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_guest_reads_the_words_of_exactly_the_polled_rows_and_not_the_rubric()
    {
        var host = fixture.Host;
        var planned = await ConveningWorld.Plan(host, fixture.Api);
        var poll = await fixture.Api.CreateConveningAsync(planned.State, new ConveningDraft
        {
            Title = "How deep are we?",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "Depth poll" }],
        });
        var session = planned with { ConveningId = poll.Id };
        var guest = host.ClientWith(await ConveningWorld.GuestToken(host, session, "A grandmother"));
        var rows = $"/api/tenants/{planned.State}/convenings/{poll.Id}/poll-rows";

        // Before the poll opens there is nothing to rate: no rows.
        var before = await guest.GetFromJsonAsync<JsonElement>(rows);
        Assert.Equal(0, before.GetProperty("rows").GetArrayLength());

        await using var facilitator = await host.Convening(planned.FacilitatorToken);
        await facilitator.JoinAsync(planned.State, poll.Id, new JoinRequest());
        await facilitator.StartActivityAsync(planned.State, poll.Id, "item-1");
        await facilitator.OpenDepthPollAsync(planned.State, poll.Id, ["right-stakeholders", "acknowledging-diversity"]);

        var open = await guest.GetFromJsonAsync<JsonElement>(rows);
        Assert.Equal(1, open.GetProperty("rubricVersion").GetInt32());
        var polled = open.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["right-stakeholders", "acknowledging-diversity"], polled.Select(r => r.GetProperty("id").GetString()));
        Assert.All(polled, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("title").GetProperty("en").GetString()));
            Assert.Equal(["Informing", "Networking", "Collaborating", "Transforming"], r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("level").GetString()));
        });

        // The rubric itself stays the tenant's people's.
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync($"/api/tenants/{planned.State}/rubrics/1")).StatusCode);
        // A guest of this convening reads no other convening's rows.
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync($"/api/tenants/{planned.State}/convenings/{planned.ConveningId}/poll-rows")).StatusCode);
    }
}
