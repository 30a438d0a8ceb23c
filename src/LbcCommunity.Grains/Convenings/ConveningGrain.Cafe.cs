using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Ratings;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The World Café: <see cref="WorldCafe"/> decides each step on the server's clock; every event carries the whole café,
/// and a team keeps the harvest on its record.
/// </summary>
internal sealed partial class ConveningGrain
{
    public Task<ActionAck> SetUpCafe(ConveningAction action, IReadOnlyList<CafeTableDraft> tables) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.SetUp(Cafe(), tables, People.Participants));
        return await CommitCafe(action, ConveningEventTypes.CafeSetUp);
    });

    public Task<ActionAck> StartCafeRound(ConveningAction action, double minutes) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.StartRound(Cafe(), minutes, People.Participants, People.Present, time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.CafeRoundStarted);
    });

    public Task<ActionAck> ExtendCafeRound(ConveningAction action, double minutes) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.ExtendRound(Cafe(), minutes, time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.CafeRoundExtended);
    });

    public Task<ActionAck> EndCafeRound(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.EndRound(Cafe(), time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.CafeRoundEnded);
    });

    public Task<ActionAck> AddTableNote(ConveningAction action, string tableId, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.AddNote(Cafe(), action.ParticipantId, tableId, text, time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.TableNoteAdded);
    });

    public Task<ActionAck> SaveHarvest(ConveningAction action, string text) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        var harvested = WorldCafe.SaveHarvest(Cafe(), text);
        var convening = Current;
        if (convening.OwnerKind == ConveningOwnerKind.Team)
        {
            await Team(convening.OwnerId).RecordHarvest(new Harvest
            {
                ConveningId = ConveningId,
                Text = harvested.Harvest!,
                Tables = WorldCafe.TableSummaries(harvested),
                RecordedAt = time.GetUtcNow(),
            });
        }

        // Only the harvest: the team was asked in between.
        State.Harvest = harvested.Harvest;
        return await CommitCafe(action, ConveningEventTypes.HarvestSaved);
    });

    public async Task<CafeRoundPreview> PreviewCafeRound(string participantId)
    {
        _ = Current;
        if (!Participant(participantId).IsFacilitator)
        {
            throw ConveningRules.Refused("participantId", "Only the facilitator sees the next round before it starts.", ErrorCodes.Forbidden);
        }

        RequireActive(ActivityKind.WorldCafe);
        // As a snapshot: what is shown is stored, so a crash cannot forget an arrival the preview seated.
        await AllStored();
        return WorldCafe.PreviewRound(Cafe(), People.Participants, People.Present);
    }

    public Task<ActionAck> MessageTables(ConveningAction action, string text) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.MessageTables(Cafe(), text, time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.TablesMessaged);
    });

    public Task<ActionAck> MoveParticipant(ConveningAction action, string participantId, string tableId) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        Apply(WorldCafe.MoveParticipant(Cafe(), participantId, tableId, People.Participants, People.Present, time.GetUtcNow()));
        return await CommitCafe(action, ConveningEventTypes.CafeSeatChanged);
    });

    private Task<ActionAck> CommitCafe(ConveningAction action, string type) =>
        Commit(action, action.ParticipantId, type, e => e with { WorldCafe = Cafe() });

    /// <summary>The café as stored; <c>null</c> until its tables are set.</summary>
    private WorldCafeActivity? Cafe() =>
        State.CafeTables is null ? null : new() { Tables = [.. State.CafeTables], Rounds = [.. State.CafeRounds], Harvest = State.Harvest, Messages = [.. State.CafeMessages] };

    private void Apply(WorldCafeActivity next)
    {
        State.CafeTables = [.. next.Tables];
        State.CafeRounds = [.. next.Rounds];
        State.Harvest = next.Harvest;
        State.CafeMessages = [.. next.Messages];
    }
}
