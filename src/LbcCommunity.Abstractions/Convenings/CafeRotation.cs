using System.Globalization;
using LbcCommunity.Organization;

namespace LbcCommunity.Convenings;

/// <summary>
/// Seats a World Café round. The seating is computed, not random: the same tables, people and earlier rounds give the
/// same seating, so a facilitator can be shown it and a test can hold it.
/// <para>
/// <b>What it guarantees</b>, in this order (when two cannot both hold, the earlier wins):
/// </para>
/// <list type="number">
/// <item>Hosts stay at their tables; everyone else given is seated exactly once; tables fill evenly (their sizes differ
/// by at most one).</item>
/// <item>A family voice (a family member or a parent mentor, <see cref="FamilyVoices"/>) at every table whenever the
/// room allows it: whenever the travelling family voices are at least as many as the tables whose host is not one.
/// Without this an early run left a table with none although a seating with one at every table existed, and once sat
/// all three family guests at one table.</item>
/// <item>Travellers move: with more than one table, no one but a host sits at the table they sat at the round before,
/// unless guarantee 2 or the even fill leaves them no other seat (the round's warnings then name them).</item>
/// </list>
/// <para>
/// <b>What it optimises after that</b>, in this order: the fewest repeated pairs (two people who sat at one table in any
/// earlier round), then stakeholder roles spread (the fewest pairs at a table sharing a role; <c>FamilyMember</c> and
/// <c>ParentMentor</c> are different roles), then family voices spread over the tables.
/// </para>
/// <para>
/// <b>How</b>: (a) the travelling family voices are matched to the tables whose host is not one, by augmenting paths,
/// first only to tables they did not sit at last round, then to any; (b) everyone else, those who have met the most
/// people first, takes the open table (not the one they sat at last) with the fewest people they have met, then the
/// fewest of their role, then the fewest family voices if they are one, then the emptiest, then the first; someone
/// whose only open seat is at their last table changes places with a seated traveller for whom that table is new;
/// (c) two travellers at different tables change places while that lowers (stays, repeated pairs, role clashes, family
/// voices together) and keeps guarantee 2, within a fixed amount of work (<see cref="SwapBudget"/>), so a room of
/// thousands is seated in bounded time and the result still does not depend on timing.
/// </para>
/// </summary>
public static class CafeRotation
{
    /// <summary>
    /// How many seats step (c) looks at in all (weighing an exchange looks at both tables): many passes over every pair in
    /// a room of a hundred, about a pass at two hundred, part of one in a room of thousands, which the first two steps
    /// have seated well already. A round's seating is one grain turn: this keeps it to a fraction of a second.
    /// </summary>
    public const int SwapBudget = 1_000_000;

    /// <summary>The roles whose absence from a table the facilitator is warned about.</summary>
    public static readonly IReadOnlySet<StakeholderRole> KeyVoices = new HashSet<StakeholderRole>
    {
        StakeholderRole.FamilyMember, StakeholderRole.ParentMentor, StakeholderRole.Student,
    };

    /// <summary>The family voices (docs: "Voices at the table"): two roles, one voice the rotation keeps at every table.</summary>
    public static readonly IReadOnlySet<StakeholderRole> FamilyVoices = new HashSet<StakeholderRole>
    {
        StakeholderRole.FamilyMember, StakeholderRole.ParentMentor,
    };

    public static bool IsFamilyVoice(StakeholderRole role) => FamilyVoices.Contains(role);

    public static IReadOnlyList<TableSeating> Seat(
        IReadOnlyList<CafeTable> tables,
        IReadOnlyList<Participant> present,
        IReadOnlyList<CafeRound> earlierRounds)
    {
        var plan = new CafeSeatingPlan(tables, present, earlierRounds);
        plan.SeatFamilyVoices();
        plan.SeatOthers();
        plan.Improve(SwapBudget);
        return plan.Seating();
    }

    /// <summary>
    /// For the facilitator (participants never see them): tables where no family member, parent mentor or student
    /// sits, tables whose only key voice is a student while another has a family voice to spare
    /// (<see cref="StudentOnlyTables"/>), and travellers who sit at the table they sat at the round before (guarantee 3
    /// could not be kept).
    /// </summary>
    public static IReadOnlyList<string> Warnings(
        IReadOnlyList<TableSeating> seating, IReadOnlyList<Participant> participants, IReadOnlyList<CafeRound>? earlierRounds = null)
    {
        var byId = participants.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var warnings = seating
            .Where(s => !s.ParticipantIds.Any(id => byId.TryGetValue(id, out var p) && KeyVoices.Contains(p.StakeholderRole)))
            .Select(s => $"Table {s.TableId} has no family member, parent mentor or student.")
            .ToList();
        warnings.AddRange(StudentOnlyTables(seating, byId));
        if (earlierRounds is [.., var last] && seating.Count > 1)
        {
            foreach (var s in seating)
            {
                var before = last.Seating.FirstOrDefault(b => b.TableId == s.TableId)?.ParticipantIds.Skip(1) ?? [];
                warnings.AddRange(s.ParticipantIds.Skip(1).Intersect(before, StringComparer.Ordinal).Select(id => string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} stays at table {1} a second round: no other seat kept a family voice at every table and the tables even.",
                    byId.TryGetValue(id, out var p) ? p.DisplayName : id,
                    s.TableId)));
            }
        }

        return warnings;
    }

    /// <summary>
    /// Tables where a student is the only key voice although another table seats two family voices besides its host: one
    /// of them could move there (by hand, after a move, or when the room changed). A student speaks for themself, not
    /// for a family, so the table is told of; but when no table has a family voice to spare, the room has too few and
    /// a warning would ask for a move that cannot be made, so there is none.
    /// </summary>
    private static IEnumerable<string> StudentOnlyTables(IReadOnlyList<TableSeating> seating, Dictionary<string, Participant> byId)
    {
        bool IsFamily(string id) => byId.TryGetValue(id, out var p) && IsFamilyVoice(p.StakeholderRole);
        var spare = seating.Where(s => s.ParticipantIds.Skip(1).Count(IsFamily) >= 2).Select(s => s.TableId).ToList();
        if (spare.Count == 0)
        {
            return [];
        }

        return seating
            .Where(s => !s.ParticipantIds.Any(IsFamily) && s.ParticipantIds.Any(id => byId.TryGetValue(id, out var p) && p.StakeholderRole == StakeholderRole.Student))
            .Select(s => $"Table {s.TableId} has a student but no family voice, while table {spare[0]} has two or more: one could move.");
    }

    /// <summary>How many pairs sit together who had not met in an earlier round (a measure of the rotation).</summary>
    public static int NewMeetings(IReadOnlyList<TableSeating> seating, IReadOnlyList<CafeRound> earlierRounds)
    {
        var met = Met(earlierRounds);
        return seating.Sum(s => Pairs(s.ParticipantIds).Count(p => !(met.GetValueOrDefault(p.A)?.Contains(p.B) ?? false)));
    }

    /// <summary>Who has sat at a table with whom, in any of <paramref name="rounds"/>.</summary>
    internal static Dictionary<string, HashSet<string>> Met(IReadOnlyList<CafeRound> rounds)
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
