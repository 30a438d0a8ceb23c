using LbcCommunity.Organization;

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

    /// <summary>For the facilitator: tables with no family member, parent mentor or student at them.</summary>
    [Id(3)] public required IReadOnlyList<string> Warnings { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record WorldCafeActivity
{
    [Id(0)] public required IReadOnlyList<CafeTable> Tables { get; init; }

    [Id(1)] public required IReadOnlyList<CafeRound> Rounds { get; init; }

    /// <summary>The whole-group harvest, once saved.</summary>
    [Id(2)] public string? Harvest { get; init; }
}

/// <summary>What a facilitator sends to set a table.</summary>
[GenerateSerializer, Immutable]
public sealed record CafeTableDraft
{
    [Id(0)] public string? HostId { get; init; }

    [Id(1)] public string? Question { get; init; }
}

/// <summary>
/// Seats a World Café round. Hosts stay at their tables; everyone else is placed, one at a time, at the open table where
/// they would meet the fewest people they have already sat with, then where their stakeholder role is least present,
/// then the emptiest — tables filling evenly. The result is computed, not random: the same history gives the same seating.
/// </summary>
public static class CafeRotation
{
    /// <summary>The roles whose absence from a table the facilitator is warned about.</summary>
    public static readonly IReadOnlySet<StakeholderRole> KeyVoices = new HashSet<StakeholderRole>
    {
        StakeholderRole.FamilyMember, StakeholderRole.ParentMentor, StakeholderRole.Student,
    };

    public static IReadOnlyList<TableSeating> Seat(
        IReadOnlyList<CafeTable> tables,
        IReadOnlyList<Participant> present,
        IReadOnlyList<CafeRound> earlierRounds)
    {
        var met = Met(earlierRounds);
        var seats = tables.ToDictionary(t => t.Id, t => new List<string> { t.HostId }, StringComparer.Ordinal);
        var roles = present.ToDictionary(p => p.Id, p => p.StakeholderRole, StringComparer.Ordinal);
        var hosts = tables.Select(t => t.HostId).ToHashSet(StringComparer.Ordinal);
        var guests = present.Where(p => !hosts.Contains(p.Id)).ToList();
        var capacity = (int)Math.Ceiling((double)(guests.Count + tables.Count) / tables.Count);

        // Those who have met the most people are placed first, while there is still room to keep them apart.
        foreach (var person in guests.OrderByDescending(p => met.GetValueOrDefault(p.Id)?.Count ?? 0).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            var known = met.GetValueOrDefault(person.Id) ?? [];
            var table = tables
                .Where(t => seats[t.Id].Count < capacity)
                .OrderBy(t => seats[t.Id].Count(id => known.Contains(id)))
                .ThenBy(t => seats[t.Id].Count(id => roles.GetValueOrDefault(id) == person.StakeholderRole))
                .ThenBy(t => seats[t.Id].Count)
                .First();
            seats[table.Id].Add(person.Id);
        }

        return [.. tables.Select(t => new TableSeating { TableId = t.Id, ParticipantIds = [.. seats[t.Id]] })];
    }

    /// <summary>Warnings for tables where no family member, parent mentor or student sits.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<TableSeating> seating, IReadOnlyList<Participant> participants)
    {
        var roles = participants.ToDictionary(p => p.Id, p => p.StakeholderRole, StringComparer.Ordinal);
        return [.. seating
            .Where(s => !s.ParticipantIds.Any(id => roles.TryGetValue(id, out var role) && KeyVoices.Contains(role)))
            .Select(s => $"Table {s.TableId} has no family member, parent mentor or student.")];
    }

    /// <summary>How many pairs sit together who had not met in an earlier round (a measure of the rotation).</summary>
    public static int NewMeetings(IReadOnlyList<TableSeating> seating, IReadOnlyList<CafeRound> earlierRounds)
    {
        var met = Met(earlierRounds);
        return seating.Sum(s => Pairs(s.ParticipantIds).Count(p => !(met.GetValueOrDefault(p.A)?.Contains(p.B) ?? false)));
    }

    private static Dictionary<string, HashSet<string>> Met(IReadOnlyList<CafeRound> rounds)
    {
        var met = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (a, b) in rounds.SelectMany(r => r.Seating).SelectMany(s => Pairs(s.ParticipantIds)))
        {
            (met.TryGetValue(a, out var ofA) ? ofA : met[a] = new(StringComparer.Ordinal)).Add(b);
            (met.TryGetValue(b, out var ofB) ? ofB : met[b] = new(StringComparer.Ordinal)).Add(a);
        }

        return met;
    }

    private static IEnumerable<(string A, string B)> Pairs(IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                yield return (ids[i], ids[j]);
            }
        }
    }
}
