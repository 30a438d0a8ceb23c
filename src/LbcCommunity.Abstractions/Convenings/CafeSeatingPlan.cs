using LbcCommunity.Organization;

namespace LbcCommunity.Convenings;

/// <summary>
/// One round's seating while <see cref="CafeRotation"/> works it out: the steps (a), (b) and (c) of its summary, on
/// tables by index and travellers (everyone but the hosts) in ordinal order of their ids, so nothing depends on the
/// order people joined in or on a hash.
/// </summary>
internal sealed class CafeSeatingPlan
{
    private const int Nowhere = -1;

    private readonly IReadOnlyList<CafeTable> _tables;
    private readonly List<string>[] _seats;
    private readonly Dictionary<StakeholderRole, int>[] _roleCounts;
    private readonly int[] _familyCounts;
    private readonly Dictionary<string, int> _at = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StakeholderRole> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _met;
    private readonly List<string> _travellers;
    private readonly int _floor;
    private readonly int _largerTables;

    public CafeSeatingPlan(IReadOnlyList<CafeTable> tables, IReadOnlyList<Participant> present, IReadOnlyList<CafeRound> earlierRounds)
    {
        _tables = tables;
        _met = CafeRotation.Met(earlierRounds);
        foreach (var p in present)
        {
            _roles.TryAdd(p.Id, p.StakeholderRole);
        }

        _seats = [.. tables.Select(_ => new List<string>())];
        _roleCounts = [.. tables.Select(_ => new Dictionary<StakeholderRole, int>())];
        _familyCounts = new int[tables.Count];
        for (var t = 0; t < tables.Count; t++)
        {
            Place(tables[t].HostId, t);
        }

        var hosts = tables.Select(t => t.HostId).ToHashSet(StringComparer.Ordinal);
        _travellers = [.. present.Select(p => p.Id).Where(id => !hosts.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (earlierRounds is [.., var last])
        {
            foreach (var seating in last.Seating)
            {
                var table = IndexOf(seating.TableId);
                foreach (var id in seating.ParticipantIds.Where(id => !hosts.Contains(id)))
                {
                    _last[id] = table;
                }
            }
        }

        // Even fill: every table seats _floor people, and _largerTables of them one more.
        var everyone = tables.Count + _travellers.Count;
        _floor = everyone / tables.Count;
        _largerTables = everyone % tables.Count;
    }

    /// <summary>(a) One travelling family voice for each table whose host is not one, away from their last table first.</summary>
    public void SeatFamilyVoices()
    {
        var needing = Enumerable.Range(0, _seats.Length).Where(t => !IsFamilyVoice(_seats[t][0])).ToList();
        var family = _travellers.Where(IsFamilyVoice).ToList();

        // Each table's candidates, best first: those who have not met its host, then those who have met the fewest.
        var candidates = needing.ToDictionary(t => t, t => family
            .OrderBy(id => Met(id, _tables[t].HostId) ? 1 : 0)
            .ThenBy(id => _met.GetValueOrDefault(id)?.Count ?? 0)
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList());
        var matched = new Dictionary<int, string>();
        var matchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mayStay in new[] { false, true })
        {
            foreach (var table in needing.Where(t => !matched.ContainsKey(t)))
            {
                Augment(table, candidates, matched, matchOf, mayStay, new HashSet<string>(StringComparer.Ordinal));
            }
        }

        foreach (var (table, id) in matched.OrderBy(m => m.Key))
        {
            Place(id, table);
        }
    }

    /// <summary>(b) Everyone not seated yet, those who have met the most people first, at the table best for them.</summary>
    public void SeatOthers()
    {
        foreach (var id in _travellers.Where(id => !_at.ContainsKey(id)).OrderByDescending(id => _met.GetValueOrDefault(id)?.Count ?? 0).ThenBy(id => id, StringComparer.Ordinal).ToList())
        {
            var last = _last.GetValueOrDefault(id, Nowhere);
            var open = Enumerable.Range(0, _seats.Length).Where(HasRoom).ToList();
            var away = open.Where(t => t != last).ToList();
            if (away.Count > 0)
            {
                Place(id, away.MinBy(t => (Known(id, t), SameRole(id, t), IsFamilyVoice(id) ? FamilyCount(t) : 0, _seats[t].Count, t)));
            }
            else if (!TryTradePlaces(id, last))
            {
                Place(id, last);
            }
        }
    }

    /// <summary>
    /// (c) Exchanges of two travellers at different tables while one makes the seating better. The budget counts the seats
    /// looked at (an exchange looks at both tables), so a large room stops after a bounded amount of work.
    /// </summary>
    public void Improve(int budget)
    {
        var improved = true;
        while (improved && budget > 0)
        {
            improved = false;
            for (var a = 0; a < _seats.Length && budget > 0; a++)
            {
                for (var b = a + 1; b < _seats.Length && budget > 0; b++)
                {
                    for (var i = 1; i < _seats[a].Count && budget > 0; i++)
                    {
                        for (var j = 1; j < _seats[b].Count && budget > 0; j++)
                        {
                            budget -= _seats[a].Count + _seats[b].Count;
                            if (Gain(_seats[a][i], a, _seats[b][j], b).CompareTo(default) < 0)
                            {
                                var (p, q) = (_seats[a][i], _seats[b][j]);
                                Count(p, a, -1);
                                Count(q, b, -1);
                                (_seats[a][i], _seats[b][j]) = (q, p);
                                Count(q, a, +1);
                                Count(p, b, +1);
                                _at[q] = a;
                                _at[p] = b;
                                improved = true;
                            }
                        }
                    }
                }
            }
        }
    }

    public IReadOnlyList<TableSeating> Seating() =>
        [.. _tables.Select((t, i) => new TableSeating { TableId = t.Id, ParticipantIds = [.. _seats[i]] })];

    /// <summary>Kuhn's augmenting path: gives <paramref name="table"/> a family voice, moving earlier matches along if need be.</summary>
    private bool Augment(int table, Dictionary<int, List<string>> candidates, Dictionary<int, string> matched, Dictionary<string, int> matchOf, bool mayStay, HashSet<string> tried)
    {
        foreach (var id in candidates[table])
        {
            if ((!mayStay && _last.GetValueOrDefault(id, Nowhere) == table) || !tried.Add(id))
            {
                continue;
            }

            if (!matchOf.TryGetValue(id, out var other) || Augment(other, candidates, matched, matchOf, mayStay, tried))
            {
                matched[table] = id;
                matchOf[id] = table;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="id"/>'s only open seat is at their last table: a seated traveller for whom that table is new goes
    /// there instead, and <paramref name="id"/> takes their seat, if no table loses its family voice by it.
    /// </summary>
    private bool TryTradePlaces(string id, int last)
    {
        if (last == Nowhere || _seats.Length < 2)
        {
            return false;
        }

        var candidates = Enumerable.Range(0, _seats.Length).Where(t => t != last)
            .SelectMany(t => _seats[t].Skip(1).Select(other => (Other: other, Table: t)))
            .Where(c => _last.GetValueOrDefault(c.Other, Nowhere) != last && KeepsFamilyVoice(c.Table, leaving: c.Other, coming: id))
            .ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var (other, table) = candidates.MinBy(c => (Known(id, c.Table, besides: c.Other) + Known(c.Other, last), c.Table, c.Other));
        _seats[table].Remove(other);
        Count(other, table, -1);
        Place(other, last);
        Place(id, table);
        return true;
    }

    /// <summary>
    /// What exchanging <paramref name="p"/> (at <paramref name="a"/>) and <paramref name="q"/> (at <paramref name="b"/>)
    /// changes in (stays, repeated pairs, role clashes, family voices together); never below zero when it would take a
    /// table's family voice away.
    /// </summary>
    private (int Stays, int Repeats, int Roles, int Family) Gain(string p, int a, string q, int b)
    {
        if (!KeepsFamilyVoice(a, leaving: p, coming: q) || !KeepsFamilyVoice(b, leaving: q, coming: p))
        {
            return (0, 0, 0, 0);
        }

        var stays = Stays(p, b) + Stays(q, a) - Stays(p, a) - Stays(q, b);
        var repeats = Known(p, b, besides: q) + Known(q, a, besides: p) - Known(p, a) - Known(q, b);
        var roles = SameRole(p, b, besides: q) + SameRole(q, a, besides: p) - SameRole(p, a) - SameRole(q, b);
        var family = IsFamilyVoice(p) == IsFamilyVoice(q) ? 0
            : IsFamilyVoice(p) ? FamilyCount(b) - FamilyCount(a) + 1 : FamilyCount(a) - FamilyCount(b) + 1;
        return (stays, repeats, roles, family);
    }

    private bool KeepsFamilyVoice(int table, string leaving, string coming) =>
        !IsFamilyVoice(leaving) || IsFamilyVoice(coming) || _familyCounts[table] > 1;

    private int Stays(string id, int table) => _last.GetValueOrDefault(id, Nowhere) == table ? 1 : 0;

    /// <summary>How many at <paramref name="table"/> (other than <paramref name="id"/> and <paramref name="besides"/>) <paramref name="id"/> has sat with before.</summary>
    private int Known(string id, int table, string? besides = null) =>
        _seats[table].Count(other => other != id && other != besides && Met(id, other));

    /// <summary>How many at <paramref name="table"/> (other than <paramref name="id"/> and <paramref name="besides"/>) share <paramref name="id"/>'s role.</summary>
    private int SameRole(string id, int table, string? besides = null)
    {
        if (!_roles.TryGetValue(id, out var role))
        {
            return 0;
        }

        var same = _roleCounts[table].GetValueOrDefault(role);
        same -= _at.GetValueOrDefault(id, Nowhere) == table ? 1 : 0;
        same -= besides is not null && _roles.TryGetValue(besides, out var other) && other == role && _at.GetValueOrDefault(besides, Nowhere) == table ? 1 : 0;
        return same;
    }

    private int FamilyCount(int table) => _familyCounts[table];

    private bool Met(string a, string b) => _met.TryGetValue(a, out var of) && of.Contains(b);

    private bool IsFamilyVoice(string id) => _roles.TryGetValue(id, out var role) && CafeRotation.IsFamilyVoice(role);

    private bool HasRoom(int table) =>
        _seats[table].Count < _floor || (_seats[table].Count == _floor && _seats.Count(s => s.Count > _floor) < _largerTables);

    private void Place(string id, int table)
    {
        _seats[table].Add(id);
        _at[id] = table;
        Count(id, table, +1);
    }

    /// <summary>Keeps each table's count of roles and of family voices as people sit down and get up.</summary>
    private void Count(string id, int table, int change)
    {
        if (_roles.TryGetValue(id, out var role))
        {
            _roleCounts[table][role] = _roleCounts[table].GetValueOrDefault(role) + change;
            _familyCounts[table] += CafeRotation.IsFamilyVoice(role) ? change : 0;
        }
    }

    private int IndexOf(string tableId)
    {
        for (var i = 0; i < _tables.Count; i++)
        {
            if (_tables[i].Id == tableId)
            {
                return i;
            }
        }

        return Nowhere;
    }
}
