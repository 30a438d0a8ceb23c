using LbcCommunity.Organization;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

// Who is in the room, for a room of thousands: a participant's snapshot carries counts, not everyone (the facilitators
// and the caller only), names are looked up a page at a time, and presence reaches participants as summaries.

/// <summary>How many of the present participants hold one stakeholder role.</summary>
[GenerateSerializer, Immutable]
public sealed record RoleCount
{
    [Id(0)] public required StakeholderRole Role { get; init; }

    [Id(1)] public required int Count { get; init; }
}

/// <summary>
/// A page of the roster: by <see cref="Ids"/> (the names of the people at one's café table, say), or by position in
/// joining order (<see cref="Offset"/>, <see cref="Limit"/>); both at once give the named ones that fall in the range.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RosterRequest
{
    /// <summary>At most <see cref="ConveningRoster.MaxPage"/> ids; ids that name no participant are left out of the page.</summary>
    [Id(0)] public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>The position to start from (0: the first to join).</summary>
    [Id(1)] public int? Offset { get; init; }

    /// <summary>How many at most (1–<see cref="ConveningRoster.MaxPage"/>, <see cref="ConveningRoster.DefaultPage"/> when not given).</summary>
    [Id(2)] public int? Limit { get; init; }
}

/// <summary>A page of a convening's participants as of <see cref="Sequence"/>, and how many there are in all.</summary>
[GenerateSerializer, Immutable]
public sealed record RosterPage
{
    [Id(0)] public required long Sequence { get; init; }

    /// <summary>Everyone who has joined, present or not.</summary>
    [Id(1)] public required int Total { get; init; }

    [Id(2)] public required int Offset { get; init; }

    [Id(3)] public required IReadOnlyList<Participant> Participants { get; init; }

    /// <summary>The ids of the page's participants who are here now.</summary>
    [Id(4)] public required IReadOnlyList<string> Present { get; init; }
}

/// <summary>The counts a participant's snapshot and the presence events carry instead of everyone's names.</summary>
[GenerateSerializer, Immutable]
public sealed record PresenceCounts
{
    [Id(0)] public required int ParticipantCount { get; init; }

    [Id(1)] public required int PresentCount { get; init; }

    /// <summary>Present participants by role, in the enum's order, roles with none left out.</summary>
    [Id(2)] public required IReadOnlyList<RoleCount> PresentByRole { get; init; }
}

/// <summary>The roster's pages and counts, and the compression of presence events for participants.</summary>
public static class ConveningRoster
{
    /// <summary>The most participants a roster page holds, and the most ids a request may name.</summary>
    public const int MaxPage = 200;

    public const int DefaultPage = 100;

    /// <summary>Whether an event only says who joined or who is here: the kind participants get as summaries.</summary>
    public static bool IsPresence(ConveningEvent e) => e.Type is ConveningEventTypes.ParticipantJoined or ConveningEventTypes.PresenceChanged;

    /// <summary>The counts of a room: <paramref name="byId"/> holds every participant, <paramref name="present"/> who is here.</summary>
    public static PresenceCounts Count(IReadOnlyDictionary<string, Participant> byId, IReadOnlyCollection<string> present)
    {
        var roles = new int[Enum.GetValues<StakeholderRole>().Max(r => (int)r) + 1];
        foreach (var id in present)
        {
            if (byId.TryGetValue(id, out var participant))
            {
                roles[(int)participant.StakeholderRole]++;
            }
        }

        return new PresenceCounts
        {
            ParticipantCount = byId.Count,
            PresentCount = present.Count,
            PresentByRole = [.. Enum.GetValues<StakeholderRole>().Where(r => roles[(int)r] > 0).Select(r => new RoleCount { Role = r, Count = roles[(int)r] })],
        };
    }

    /// <summary>
    /// A page of <paramref name="participants"/> (in joining order) for <paramref name="request"/>; a request out of its
    /// limits is refused <c>invalid</c> naming the field.
    /// </summary>
    public static RosterPage Page(RosterRequest request, long sequence, IReadOnlyList<Participant> participants, Func<string, bool> isPresent)
    {
        var v = new Validator();
        if (request.Ids is { Count: > MaxPage } ids)
        {
            v.Add("ids", $"A page names at most {MaxPage} ids (it names {ids.Count}).");
        }

        if (request.Offset is < 0)
        {
            v.Add("offset", "The offset is 0 or more.");
        }

        if (request.Limit is < 1 or > MaxPage)
        {
            v.Add("limit", $"The limit is 1–{MaxPage}.");
        }

        v.ThrowIfInvalid();
        var offset = request.Offset ?? 0;
        var limit = request.Limit ?? DefaultPage;
        IEnumerable<Participant> range = participants.Skip(offset);
        if (request.Ids is { } named)
        {
            var wanted = named.ToHashSet(StringComparer.Ordinal);
            range = range.Where(p => wanted.Contains(p.Id));
        }

        List<Participant> page = [.. range.Take(limit)];
        return new RosterPage
        {
            Sequence = sequence,
            Total = participants.Count,
            Offset = offset,
            Participants = page,
            Present = [.. page.Where(p => isPresent(p.Id)).Select(p => p.Id)],
        };
    }

    /// <summary>
    /// Events as a participant gets them (<see cref="ConveningRules.ForViewer(ConveningEvent, bool)"/>), each run of
    /// presence events made one <see cref="ConveningEventTypes.PresenceSummary"/> covering its sequences (from
    /// <see cref="ConveningEvent.FirstSequence"/> to <see cref="ConveningEvent.Sequence"/>) with the counts after its last.
    /// The order is kept; every sequence is covered once. <paramref name="events"/> are in sequence order.
    /// </summary>
    public static List<ConveningEvent> ForParticipants(IEnumerable<ConveningEvent> events)
    {
        var result = new List<ConveningEvent>();
        foreach (var e in events)
        {
            if (!IsPresence(e))
            {
                result.Add(ConveningRules.ForViewer(e, facilitator: false));
                continue;
            }

            var first = result.Count > 0 && result[^1] is { Type: ConveningEventTypes.PresenceSummary } run && run.Sequence + 1 == e.Sequence
                ? run.FirstSequence!.Value
                : e.Sequence;
            var summary = new ConveningEvent
            {
                Sequence = e.Sequence,
                FirstSequence = first,
                Type = ConveningEventTypes.PresenceSummary,
                At = e.At,
                Presence = e.Presence,
            };
            if (first != e.Sequence)
            {
                result[^1] = summary;
            }
            else
            {
                result.Add(summary);
            }
        }

        return result;
    }
}
