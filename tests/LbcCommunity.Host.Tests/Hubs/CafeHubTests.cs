using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Hubs;

/// <summary>
/// The facilitator's café controls through the real SignalR client, each connection signed in as the member it joins
/// as: the preview is the round started, a message reaches every table, a move changes the seating (warnings for the
/// facilitator only), and each refusal is a coded error naming its field that stores nothing.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class CafeHubTests(ApiHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_round_started_seats_what_the_preview_showed_and_only_the_facilitator_may_preview()
    {
        await using var cafe = await Cafe.Begin(fixture);

        var preview = await cafe.Facilitator.PreviewCafeRoundAsync(cafe.State, cafe.ConveningId);
        var refused = await Assert.ThrowsAsync<HubException>(() => cafe.Parent.PreviewCafeRoundAsync(cafe.State, cafe.ConveningId));
        var started = await cafe.Facilitator.StartCafeRoundAsync(cafe.State, cafe.ConveningId, 0.5);
        var seenByParent = (await cafe.ParentEvents.UpTo(started.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == started.Sequence);
        var seenByFacilitator = (await cafe.FacilitatorEvents.UpTo(started.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == started.Sequence);

        Assert.Equal(1, preview.Number);
        Assert.StartsWith("forbidden: participantId:", Refusal(refused), StringComparison.Ordinal);
        Assert.Equal(Describe(preview.Seating), Describe(seenByFacilitator.WorldCafe!.Rounds[0].Seating));
        Assert.Equal(Describe(preview.Seating), Describe(seenByParent.WorldCafe!.Rounds[0].Seating));
        Assert.Equal(preview.Warnings, seenByFacilitator.WorldCafe.Rounds[0].Warnings);
        Assert.Contains(cafe.ParentId, seenByParent.WorldCafe.Rounds[0].Seating.SelectMany(s => s.ParticipantIds));
    }

    [Fact]
    public async Task A_message_to_all_tables_reaches_everyone_once_per_action_id_and_a_blank_one_stores_nothing()
    {
        await using var cafe = await Cafe.Begin(fixture);

        var blank = await Assert.ThrowsAsync<HubException>(() => cafe.Facilitator.MessageTablesAsync(cafe.State, cafe.ConveningId, " "));
        var notFacilitator = await Assert.ThrowsAsync<HubException>(() => cafe.Parent.MessageTablesAsync(cafe.State, cafe.ConveningId, "Hello"));
        var sent = await cafe.Facilitator.MessageTablesAsync(cafe.State, cafe.ConveningId, "We begin in two minutes", "message-1");
        var again = await cafe.Facilitator.MessageTablesAsync(cafe.State, cafe.ConveningId, "We begin in two minutes", "message-1");
        var seenByParent = (await cafe.ParentEvents.UpTo(sent.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == sent.Sequence);
        var seenByHost = (await cafe.HostEvents.UpTo(sent.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == sent.Sequence);

        Assert.StartsWith("invalid: text:", Refusal(blank), StringComparison.Ordinal);
        Assert.StartsWith("forbidden:", Refusal(notFacilitator), StringComparison.Ordinal);
        Assert.Equal(sent, again);
        // The refusals stored nothing: the one message is the only one sent since the tables were set.
        Assert.Single(await cafe.ParentEvents.UpTo(sent.Sequence), e => e.Sequence > cafe.SetUpSequence && e.Type == ConveningEventTypes.TablesMessaged);
        Assert.All([seenByParent, seenByHost], e =>
        {
            Assert.Equal(ConveningEventTypes.TablesMessaged, e.Type);
            var message = Assert.Single(e.WorldCafe!.Messages);
            Assert.Equal((0, "We begin in two minutes"), (message.Round, message.Text));
        });
    }

    [Fact]
    public async Task A_move_changes_the_seating_for_everyone_and_works_the_warnings_out_again_for_the_facilitator_only()
    {
        await using var cafe = await Cafe.Begin(fixture);
        var started = await cafe.Facilitator.StartCafeRoundAsync(cafe.State, cafe.ConveningId, 10);
        var round = (await cafe.FacilitatorEvents.UpTo(started.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == started.Sequence).WorldCafe!.Rounds[0];
        var parentsTable = round.Seating.Single(s => s.ParticipantIds.Contains(cafe.ParentId)).TableId;
        var mentorsTable = round.Seating.Single(s => s.ParticipantIds.Contains(cafe.MentorId)).TableId;
        Assert.NotEqual(parentsTable, mentorsTable);
        Assert.Empty(round.Warnings);

        var moved = await cafe.Facilitator.MoveParticipantAsync(cafe.State, cafe.ConveningId, cafe.MentorId, parentsTable);
        var forFacilitator = (await cafe.FacilitatorEvents.UpTo(moved.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == moved.Sequence);
        var forParent = (await cafe.ParentEvents.UpTo(moved.Sequence).WaitAsync(Patience)).Single(e => e.Sequence == moved.Sequence);

        Assert.All([forFacilitator, forParent], e =>
        {
            Assert.Equal(ConveningEventTypes.CafeSeatChanged, e.Type);
            Assert.Contains(cafe.MentorId, e.WorldCafe!.Rounds[0].Seating.Single(s => s.TableId == parentsTable).ParticipantIds);
            Assert.DoesNotContain(cafe.MentorId, e.WorldCafe.Rounds[0].Seating.Single(s => s.TableId == mentorsTable).ParticipantIds);
        });
        Assert.StartsWith($"Table {mentorsTable} has ", Assert.Single(forFacilitator.WorldCafe!.Rounds[0].Warnings), StringComparison.Ordinal);
        Assert.Empty(forParent.WorldCafe!.Rounds[0].Warnings);
    }

    [Fact]
    public async Task Refused_moves_name_their_field_and_change_nothing()
    {
        await using var cafe = await Cafe.Begin(fixture);
        var noRound = await Assert.ThrowsAsync<HubException>(() => cafe.Facilitator.MoveParticipantAsync(cafe.State, cafe.ConveningId, cafe.ParentId, "table-2"));
        var started = await cafe.Facilitator.StartCafeRoundAsync(cafe.State, cafe.ConveningId, 10);

        var notFacilitator = await Assert.ThrowsAsync<HubException>(() => cafe.Parent.MoveParticipantAsync(cafe.State, cafe.ConveningId, cafe.ParentId, "table-2"));
        var unknownTable = await Assert.ThrowsAsync<HubException>(() => cafe.Facilitator.MoveParticipantAsync(cafe.State, cafe.ConveningId, cafe.ParentId, "table-9"));
        var unknownPerson = await Assert.ThrowsAsync<HubException>(() => cafe.Facilitator.MoveParticipantAsync(cafe.State, cafe.ConveningId, "m-nobody", "table-1"));
        var host = await Assert.ThrowsAsync<HubException>(() => cafe.Facilitator.MoveParticipantAsync(cafe.State, cafe.ConveningId, cafe.HostId, "table-2"));
        var ended = await cafe.Facilitator.EndCafeRoundAsync(cafe.State, cafe.ConveningId);

        Assert.StartsWith("no-round-running: round:", Refusal(noRound), StringComparison.Ordinal);
        Assert.StartsWith("forbidden: participantId:", Refusal(notFacilitator), StringComparison.Ordinal);
        Assert.StartsWith("invalid: tableId:", Refusal(unknownTable), StringComparison.Ordinal);
        Assert.StartsWith("invalid: participantId:", Refusal(unknownPerson), StringComparison.Ordinal);
        Assert.StartsWith("invalid: participantId:", Refusal(host), StringComparison.Ordinal);
        // Nothing was stored between the start and the end: no seat changed, the round ended as it began.
        var events = await cafe.FacilitatorEvents.UpTo(ended.Sequence).WaitAsync(Patience);
        Assert.DoesNotContain(events, e => e.Type == ConveningEventTypes.CafeSeatChanged);
        Assert.Equal(
            Describe(events.Single(e => e.Sequence == started.Sequence).WorldCafe!.Rounds[0].Seating),
            Describe(events.Single(e => e.Sequence == ended.Sequence).WorldCafe!.Rounds[0].Seating));
    }

    /// <summary>The hub's refusal as the server wrote it (<c>code: field: …</c>), after the client's own words.</summary>
    private static string Refusal(HubException refused) =>
        refused.Message[(refused.Message.IndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..];

    private static string Describe(IReadOnlyList<TableSeating> seating) =>
        string.Join(" | ", seating.Select(s => $"{s.TableId}: {string.Join(", ", s.ParticipantIds)}"));

    /// <summary>
    /// A team's café with its tables set: the facilitator, two hosts (a teacher and a principal), a family member, a
    /// parent mentor and a student, each on their own connection.
    /// </summary>
    private sealed class Cafe : IAsyncDisposable
    {
        private readonly List<ConveningClient> _clients = [];

        public required string State { get; init; }

        public required string ConveningId { get; init; }

        public ConveningClient Facilitator { get; private set; } = null!;

        public ConveningClient Parent { get; private set; } = null!;

        public ReceivedEvents FacilitatorEvents { get; private set; } = null!;

        public ReceivedEvents ParentEvents { get; private set; } = null!;

        public ReceivedEvents HostEvents { get; private set; } = null!;

        public string ParentId { get; private set; } = null!;

        public string MentorId { get; private set; } = null!;

        public string HostId { get; private set; } = null!;

        public long SetUpSequence { get; private set; }

        public static async Task<Cafe> Begin(ApiHostFixture fixture)
        {
            var api = fixture.Api;
            var state = await ApiWorld.NewStateWithTeam(api);
            var planned = await ConveningWorld.PlanCafe(api, state);
            var cafe = new Cafe { State = state, ConveningId = planned.Id };
            async Task<(ConveningClient Client, string Id)> Join(string name, StakeholderRole role, bool facilitator = false)
            {
                var email = $"{name.ToLowerInvariant()}@cafe.test";
                var member = await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = name, Email = email, StakeholderRole = role, IsFacilitator = facilitator });
                var client = await fixture.Host.Convening(await fixture.Host.TokenFor(state, email));
                cafe._clients.Add(client);
                return (client, member.Id);
            }

            var (facilitatorClient, _) = await Join("Facilitator", StakeholderRole.DistrictAdministrator, facilitator: true);
            var (hostClient, teacher) = await Join("Teacher", StakeholderRole.Teacher);
            var (otherHostClient, principal) = await Join("Principal", StakeholderRole.Principal);
            var (parentClient, parent) = await Join("Parent", StakeholderRole.FamilyMember);
            var (mentorClient, mentor) = await Join("Mentor", StakeholderRole.ParentMentor);
            var (studentClient, _) = await Join("Student", StakeholderRole.Student);
            cafe.Facilitator = facilitatorClient;
            cafe.Parent = parentClient;
            cafe.FacilitatorEvents = new ReceivedEvents(facilitatorClient);
            cafe.ParentEvents = new ReceivedEvents(parentClient);
            cafe.HostEvents = new ReceivedEvents(hostClient);
            (cafe.ParentId, cafe.MentorId, cafe.HostId) = (parent, mentor, teacher);
            foreach (var client in new[] { facilitatorClient, hostClient, otherHostClient, parentClient, mentorClient, studentClient })
            {
                await client.JoinAsync(state, planned.Id, new JoinRequest());
            }

            await facilitatorClient.StartActivityAsync(state, planned.Id, "item-1");
            cafe.SetUpSequence = (await facilitatorClient.SetUpCafeAsync(state, planned.Id,
            [
                new CafeTableDraft { HostId = teacher, Question = "Who should be at the table?" },
                new CafeTableDraft { HostId = principal, Question = "What brings us together?" },
            ])).Sequence;
            return cafe;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
