using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The seating and warnings the next café round would get if it started now (<see cref="WorldCafe.PreviewRound"/>):
/// the facilitator's alone, to see before starting it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CafeRoundPreview
{
    [Id(0)] public required int Number { get; init; }

    [Id(1)] public required IReadOnlyList<TableSeating> Seating { get; init; }

    [Id(2)] public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>
/// What the facilitator does to a café beyond its rounds: speak to every table at once, and seat one person by hand
/// where the computed rotation does not suit the room (a late arrival, two colleagues who should not sit together).
/// </summary>
public static partial class WorldCafe
{
    /// <summary>
    /// A message to all tables, kept with the café, once its tables are set: before the first round ("we begin in two
    /// minutes"), during one or between rounds. It carries the number of the newest round (0 before the first).
    /// </summary>
    public static WorldCafeActivity MessageTables(WorldCafeActivity? cafe, string text, DateTimeOffset now)
    {
        new Validator().RequiredText("text", text, ConveningRules.TextMaxLength).ThrowIfInvalid();
        var set = cafe ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        return set with { Messages = [.. set.Messages, new CafeMessage { Round = set.Rounds.Count, Text = text.Trim(), At = now }] };
    }

    /// <summary>
    /// Moves <paramref name="participantId"/> to <paramref name="tableId"/> in the running round (seating them there if
    /// they arrived after it began). Hosts stay with their tables and the facilitator sits at none, so neither is
    /// moved. The round's warnings are worked out again on the new seating; later rounds rotate from it, since it is
    /// where the person sat. A move may leave the tables uneven: the facilitator chose it.
    /// </summary>
    public static WorldCafeActivity MoveParticipant(
        WorldCafeActivity? cafe, string participantId, string tableId, IReadOnlyList<Participant> participants, IReadOnlyCollection<string> present, DateTimeOffset now)
    {
        var round = RunningRound(cafe, now);
        var person = participants.FirstOrDefault(p => p.Id == participantId) ?? throw DomainValidationException.For("participantId", $"No participant '{participantId}'.");
        if (cafe!.Tables.Any(t => t.HostId == participantId))
        {
            throw ConveningRules.Refused("participantId", $"{person.DisplayName} hosts a table: a host stays with their table.");
        }

        if (person.IsFacilitator)
        {
            throw ConveningRules.Refused("participantId", "The facilitator moves between the tables and sits at none.");
        }

        if (!present.Contains(participantId))
        {
            throw ConveningRules.Refused("participantId", $"{person.DisplayName} is not here.");
        }

        if (round.Seating.All(s => s.TableId != tableId))
        {
            throw DomainValidationException.For("tableId", $"No table '{tableId}'.");
        }

        if (round.Seating.First(s => s.TableId == tableId).ParticipantIds.Contains(participantId))
        {
            throw ConveningRules.Refused("tableId", $"{person.DisplayName} already sits at table {tableId}.");
        }

        IReadOnlyList<TableSeating> seating =
        [
            .. round.Seating.Select(s => s with
            {
                ParticipantIds = s.TableId == tableId ? [.. s.ParticipantIds, participantId] : [.. s.ParticipantIds.Where(id => id != participantId)],
            }),
        ];
        var earlier = cafe.Rounds.Take(cafe.Rounds.Count - 1).ToList();
        return WithNewest(cafe, round with { Seating = seating, Warnings = CafeRotation.Warnings(seating, participants, earlier) });
    }
}
