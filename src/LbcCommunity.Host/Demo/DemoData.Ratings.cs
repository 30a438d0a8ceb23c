using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Demo;

/// <summary>
/// The demo's year of ratings, so a newcomer signing in sees a dashboard with something in it: every team's quarterly
/// consensus ratings (dated back, as ratings entered from paper are) and the CAFÉ members' own ratings.
/// </summary>
public static partial class DemoData
{
    /// <summary>Quarterly consensus ratings per team: four quarters back and this one.</summary>
    private const int Quarters = 5;

    /// <summary>How a team's depth moves over the year, oldest rating first.</summary>
    private enum Path
    {
        /// <summary>The CAFÉ team, the one the walkthrough follows: clearly deeper each quarter.</summary>
        Showcase,

        /// <summary>Deeper each quarter, at the team's own pace.</summary>
        Rising,

        /// <summary>Up and back, never above where it was: no progress across its last three ratings.</summary>
        Stuck,

        /// <summary>Deeper for half the year, then losing ground (a team whose key people left).</summary>
        Regressing,

        /// <summary>Rising, but not rated this quarter yet: the "not rated for a while" list.</summary>
        Lapsed,
    }

    /// <summary>
    /// Every team's consensus ratings, then the CAFÉ members'. Each has an idempotency key of its own, so loading again
    /// (even one interrupted half way) stores each rating once. Returns the number of ratings stored now.
    /// </summary>
    private static async Task<int> LoadRatingsAsync(IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var initiative = await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId)).TryGet();
        var rubric = await grains.GetGrain<IRubricCatalogGrain>(TenantId).GetVersion(initiative!.RubricVersion);
        var cafe = grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, CafeTeamId));
        var members = await cafe.ListMembers();
        var facilitator = members.FirstOrDefault(m => m.IsFacilitator)?.Id;
        var stored = 0;
        var teamIds = TeamIds().ToArray();
        for (var team = 0; team < teamIds.Length; team++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(team, teamIds[team]);
            var grain = grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, teamIds[team]));
            var before = (await grain.ListRatings(RatingKind.Consensus)).Count;
            for (var quarter = 0; quarter < (path == Path.Lapsed ? Quarters - 1 : Quarters); quarter++)
            {
                await grain.RecordConsensusRating(new RatingDraft
                {
                    RubricVersion = rubric.Version,
                    MemberId = teamIds[team] == CafeTeamId ? facilitator : null,
                    IdempotencyKey = $"demo/consensus/{quarter}",
                    RatedAt = RatedAt(now, team, quarter),
                    Rows = [.. rubric.Rows.Select((row, r) => Row(row, Score(path, team, quarter) + RowOffset(team, r)))],
                });
            }

            stored += (await grain.ListRatings(RatingKind.Consensus)).Count - before;
        }

        // The CAFÉ members rated on their own the day before the team's latest consensus: families see less depth than
        // the staff do, which is what the team's perception gap shows.
        var latest = Score(Path.Showcase, 0, Quarters - 1);
        var memberRatings = (await cafe.ListRatings(RatingKind.Member)).Count;
        for (var m = 0; m < members.Count; m++)
        {
            await cafe.RecordMemberRating(new RatingDraft
            {
                RubricVersion = rubric.Version,
                MemberId = members[m].Id,
                IdempotencyKey = $"demo/member/{members[m].Id}",
                RatedAt = RatedAt(now, 0, Quarters - 1).AddDays(-1),
                Rows = [.. rubric.Rows.Select((row, r) => Row(row, latest + RowOffset(0, r) + PerceptionOf(members[m].StakeholderRole) + (((m + r) % 3) - 1) * 0.1m))],
            });
        }

        return stored + (await cafe.ListRatings(RatingKind.Member)).Count - memberRatings;
    }

    /// <summary>The teams in the order they are enrolled (region by region, district by district).</summary>
    private static IEnumerable<string> TeamIds() =>
        Regions.SelectMany(r => r.Districts).Select(Slug).Select(d => d == "meriwether-county" ? CafeTeamId : $"{d}-team");

    /// <summary>
    /// Most teams rise; every fifth is stuck (six teams); one regresses; four have not rated this quarter; the CAFÉ
    /// team is the showcase.
    /// </summary>
    private static Path PathOf(int team, string teamId) => teamId == CafeTeamId ? Path.Showcase
        : team == 13 ? Path.Regressing
        : team % 5 == 1 ? Path.Stuck
        : team % 7 == 3 ? Path.Lapsed
        : Path.Rising;

    /// <summary>A team's depth score at a quarter (0 the oldest), before each row's own offset.</summary>
    private static decimal Score(Path path, int team, int quarter) => path switch
    {
        Path.Stuck => (1.4m + (team % 3 * 0.4m)) + (quarter % 2 == 1 ? 0.3m : quarter == 0 ? 0m : 0.1m),
        Path.Regressing => quarter switch { 0 => 2.4m, 1 => 2.8m, 2 => 2.6m, 3 => 2.0m, _ => 1.5m },
        Path.Showcase => 1.0m + (quarter * 0.55m),
        _ => 0.6m + (team % 4 * 0.3m) + (quarter * (0.3m + (team % 3 * 0.15m))),
    };

    /// <summary>Rows differ within a team (−0.3 to +0.3), the same way every quarter, so each row keeps its path.</summary>
    private static decimal RowOffset(int team, int row) => (((row * 5) + (team * 3)) % 7 - 3) * 0.1m;

    /// <summary>How a member's own view differs from the team's consensus, by who they are.</summary>
    private static decimal PerceptionOf(StakeholderRole role) => role switch
    {
        StakeholderRole.FamilyMember or StakeholderRole.ParentMentor or StakeholderRole.Student => -0.9m,
        StakeholderRole.CommunityPartner => -0.3m,
        _ => 0.5m,
    };

    /// <summary>Quarterly, a year back to now, each team on its own day (one to 25 days before the quarter's mark).</summary>
    private static DateTimeOffset RatedAt(DateTimeOffset now, int team, int quarter) =>
        now.AddMonths(-3 * (Quarters - 1 - quarter)).AddDays(-(1 + (team * 7 % 25)));

    /// <summary>A row's cells for a depth score: each level filled in turn, so the score is the cells' sum.</summary>
    private static RowRatingDraft Row(RubricRow row, decimal score)
    {
        var tenths = (int)Math.Round(Math.Clamp(score, 0.1m, 3.9m) * 10, MidpointRounding.AwayFromZero);
        return new RowRatingDraft
        {
            RowId = row.Id,
            Cells = [.. Enum.GetValues<DepthLevel>().Select((level, i) => new CellAttainment { Level = level, AttainmentPercent = Math.Clamp(tenths - (i * 10), 0, 10) * 10 })],
        };
    }
}
