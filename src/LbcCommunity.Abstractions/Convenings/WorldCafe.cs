using System.Globalization;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>A World Café table: its host stays, its question stays, its notes grow round by round.</summary>
[GenerateSerializer, Immutable]
public sealed record CafeTable
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string HostId { get; init; }

    [Id(2)] public required string Question { get; init; }

    [Id(3)] public required IReadOnlyList<TableNote> Notes { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record TableNote
{
    [Id(0)] public required int Round { get; init; }

    [Id(1)] public required string ParticipantId { get; init; }

    [Id(2)] public required string Text { get; init; }
}

/// <summary>Who sits at a table in a round (the host first).</summary>
[GenerateSerializer, Immutable]
public sealed record TableSeating
{
    [Id(0)] public required string TableId { get; init; }

    [Id(1)] public required IReadOnlyList<string> ParticipantIds { get; init; }
}

/// <summary>A timed round: the server's end time (the facilitator may extend it) and the computed seating.</summary>
[GenerateSerializer, Immutable]
public sealed record CafeRound
{
    [Id(0)] public required int Number { get; init; }

    [Id(1)] public required DateTimeOffset EndsAt { get; init; }

    [Id(2)] public required IReadOnlyList<TableSeating> Seating { get; init; }

    /// <summary>
    /// For the facilitator only (participants get none, in events and snapshots): tables with no family member, parent
    /// mentor or student, and travellers the rotation could not move (<see cref="CafeRotation.Warnings"/>).
    /// </summary>
    [Id(3)] public required IReadOnlyList<string> Warnings { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record WorldCafeActivity
{
    [Id(0)] public required IReadOnlyList<CafeTable> Tables { get; init; }

    [Id(1)] public required IReadOnlyList<CafeRound> Rounds { get; init; }

    /// <summary>The whole-group harvest, once saved.</summary>
    [Id(2)] public string? Harvest { get; init; }

    /// <summary>What the facilitator said to all tables at once, oldest first; cafés stored before it read as none.</summary>
    [Id(3)] public IReadOnlyList<CafeMessage> Messages { get; init; } = [];
}

/// <summary>A message from the facilitator to every table ("five minutes left", "switch to the second question").</summary>
[GenerateSerializer, Immutable]
public sealed record CafeMessage
{
    /// <summary>The round it was sent in (0 before the first round).</summary>
    [Id(0)] public required int Round { get; init; }

    [Id(1)] public required string Text { get; init; }

    [Id(2)] public required DateTimeOffset At { get; init; }
}

/// <summary>What a facilitator sends to set a table.</summary>
[GenerateSerializer, Immutable]
public sealed record CafeTableDraft
{
    [Id(0)] public string? HostId { get; init; }

    [Id(1)] public string? Question { get; init; }
}

/// <summary>
/// The World Café as a state machine: set the tables, then timed rounds one after another (seated by
/// <see cref="CafeRotation"/>), notes at one's own table while a round runs, and the whole group's harvest. A café not
/// set up yet is <c>null</c>. Each step gives the café after it or refuses (nothing changes); time is the caller's
/// <c>now</c>, so a round's end is the server's clock, not a client's. Whether the café is the activity under way is
/// the grain's to check.
/// </summary>
public static partial class WorldCafe
{
    public const int MinTables = 2;
    public const int MaxTables = 30;
    public const int MaxRoundMinutes = 120;

    /// <summary>The shortest round, in minutes (30 s): a quick check-in round; the facilitator may end any round sooner.</summary>
    public const double MinRoundMinutes = 0.5;

    /// <summary>Sets the tables (each with a host from the convening's participants and a question) before the first round.</summary>
    public static WorldCafeActivity SetUp(WorldCafeActivity? cafe, IReadOnlyList<CafeTableDraft> tables, IReadOnlyList<Participant> participants)
    {
        if (cafe?.Rounds.Count > 0)
        {
            throw ConveningRules.Refused("tables", "The café has begun; its tables are set.");
        }

        var v = new Validator();
        if (tables is not { Count: >= MinTables and <= MaxTables })
        {
            v.Add("tables", $"A World Café has {MinTables}–{MaxTables} tables.");
        }
        else
        {
            for (var i = 0; i < tables.Count; i++)
            {
                v.RequiredText($"tables[{i}].question", tables[i]?.Question, ConveningRules.TextMaxLength);
                if (tables[i]?.HostId is not { } host || !participants.Any(p => p.Id == host))
                {
                    v.Add($"tables[{i}].hostId", "A table's host must be a participant of the convening.");
                }
                else if (tables.Take(i).Any(t => t?.HostId == host))
                {
                    v.Add($"tables[{i}].hostId", "A host hosts one table.");
                }
            }
        }

        v.ThrowIfInvalid();
        return new WorldCafeActivity
        {
            Tables = [.. tables.Select((t, i) => new CafeTable { Id = $"table-{i + 1}", HostId = t.HostId!, Question = t.Question!.Trim(), Notes = [] })],
            Rounds = [],
            Harvest = cafe?.Harvest,
            Messages = cafe?.Messages ?? [],
        };
    }

    /// <summary>
    /// Starts the next round of <paramref name="minutes"/> (fractions allowed: 0.5 is 30 s) once the last has ended, seating those present and every host
    /// (whether here yet or not). The facilitator moves between tables rather than sitting at one.
    /// </summary>
    public static WorldCafeActivity StartRound(
        WorldCafeActivity? cafe, double minutes, IReadOnlyList<Participant> participants, IReadOnlyCollection<string> present, DateTimeOffset now)
    {
        var set = cafe ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        RequireMinutes(minutes);
        if (IsRunning(set, now))
        {
            throw ConveningRules.Refused("round", "The current round is still running.", ErrorCodes.RoundRunning);
        }

        var next = PreviewRound(set, participants, present);
        return set with
        {
            Rounds = [.. set.Rounds, new CafeRound { Number = next.Number, EndsAt = now.AddMinutes(minutes), Seating = next.Seating, Warnings = next.Warnings }],
        };
    }

    /// <summary>
    /// The round <see cref="StartRound"/> would start now, for the facilitator to look at first. The rotation is computed from the tables, the people and the earlier rounds alone, so when nothing
    /// of those changes in between, the round started is the round shown.
    /// </summary>
    public static CafeRoundPreview PreviewRound(WorldCafeActivity? cafe, IReadOnlyList<Participant> participants, IReadOnlyCollection<string> present)
    {
        var set = cafe ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        var seated = participants.Where(p => (present.Contains(p.Id) && !p.IsFacilitator) || set.Tables.Any(t => t.HostId == p.Id)).ToList();
        var seating = CafeRotation.Seat(set.Tables, seated, set.Rounds);
        return new CafeRoundPreview { Number = set.Rounds.Count + 1, Seating = seating, Warnings = CafeRotation.Warnings(seating, participants, set.Rounds) };
    }

    /// <summary>The round under way at <paramref name="now"/>: the newest, until its end.</summary>
    public static CafeRound RunningRound(WorldCafeActivity? cafe, DateTimeOffset now) =>
        cafe is not null && IsRunning(cafe, now) ? cafe.Rounds[^1] : throw ConveningRules.Refused("round", "No café round is running.", ErrorCodes.NoRoundRunning);

    /// <summary>Gives the running round <paramref name="minutes"/> more.</summary>
    public static WorldCafeActivity ExtendRound(WorldCafeActivity? cafe, double minutes, DateTimeOffset now)
    {
        var round = RunningRound(cafe, now);
        RequireMinutes(minutes);
        return WithNewest(cafe!, round with { EndsAt = round.EndsAt.AddMinutes(minutes) });
    }

    /// <summary>
    /// Ends the running round now (its end time becomes <paramref name="now"/>): the talk at the tables is done before the
    /// clock says so. Notes stop, and the next round may start at once.
    /// </summary>
    public static WorldCafeActivity EndRound(WorldCafeActivity? cafe, DateTimeOffset now)
    {
        var round = RunningRound(cafe, now);
        return WithNewest(cafe!, round with { EndsAt = now });
    }

    /// <summary>
    /// The café as a viewer may see it: the rounds' warnings are for the facilitator, who can change the seating; a
    /// participant is not told that their table lacks a voice.
    /// </summary>
    public static WorldCafeActivity ForViewer(WorldCafeActivity cafe, bool facilitator) =>
        facilitator ? cafe : cafe with { Rounds = [.. cafe.Rounds.Select(r => r.Warnings.Count == 0 ? r : r with { Warnings = [] })] };

    /// <summary>A note at a table, by someone seated there this round, while the round runs.</summary>
    public static WorldCafeActivity AddNote(WorldCafeActivity? cafe, string participantId, string tableId, string text, DateTimeOffset now)
    {
        var round = RunningRound(cafe, now);
        new Validator().RequiredText("text", text, ConveningRules.TextMaxLength).ThrowIfInvalid();
        var seating = round.Seating.FirstOrDefault(s => s.TableId == tableId) ?? throw DomainValidationException.For("tableId", $"No table '{tableId}'.");
        if (!seating.ParticipantIds.Contains(participantId))
        {
            throw ConveningRules.Refused("tableId", "Notes are taken at the table one sits at this round.", ErrorCodes.NotAtTable);
        }

        var note = new TableNote { Round = round.Number, ParticipantId = participantId, Text = text.Trim() };
        return cafe! with { Tables = [.. cafe.Tables.Select(t => t.Id == tableId ? t with { Notes = [.. t.Notes, note] } : t)] };
    }

    /// <summary>The whole group's harvest, once the tables are set (saving again replaces it).</summary>
    public static WorldCafeActivity SaveHarvest(WorldCafeActivity? cafe, string text)
    {
        new Validator().RequiredText("text", text, ConveningRules.ProposalMaxLength * 2).ThrowIfInvalid();
        var set = cafe ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        return set with { Harvest = text.Trim() };
    }

    /// <summary>Each table's question with its notes, as the harvest keeps them on a team's record.</summary>
    public static IReadOnlyList<string> TableSummaries(WorldCafeActivity cafe) =>
        [.. cafe.Tables.Select(t => $"{t.Question}: {string.Join("; ", t.Notes.Select(n => n.Text))}")];

    private static bool IsRunning(WorldCafeActivity cafe, DateTimeOffset now) => cafe.Rounds.Count > 0 && cafe.Rounds[^1].EndsAt > now;

    /// <summary>A JSON number of minutes, whole or not; NaN and infinities are refused like any number out of range.</summary>
    private static void RequireMinutes(double minutes)
    {
        if (!(minutes >= MinRoundMinutes && minutes <= MaxRoundMinutes))
        {
            throw DomainValidationException.For(
                "minutes",
                string.Create(CultureInfo.InvariantCulture, $"A round lasts {MinRoundMinutes}–{MaxRoundMinutes} minutes, 30 s to 2 hours (it is {minutes})."));
        }
    }

    private static WorldCafeActivity WithNewest(WorldCafeActivity cafe, CafeRound round) =>
        cafe with { Rounds = [.. cafe.Rounds.Take(cafe.Rounds.Count - 1), round] };
}
