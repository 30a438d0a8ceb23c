using LbcCommunity.RollUps;

namespace LbcCommunity.Host.Api;

/// <summary>The dashboards' views as CSV, one line per fact, with the columns docs/api.md documents.</summary>
internal static class DashboardCsv
{
    /// <summary>One line per team and row; a team not rated yet has one line with the row's columns empty.</summary>
    public static IResult Of(RegionTeamsView view, string fileName)
    {
        var csv = new Csv("initiative_id", "region_id", "team_id", "team_name", "district_id", "last_rated_at", "ratings", "row_id", "habit", "depth_score", "level_reached");
        foreach (var team in view.Teams)
        {
            var start = new object?[] { view.InitiativeId, view.RegionId, team.TeamId, team.TeamName, team.DistrictId, team.LastRatedAt, team.Ratings };
            if (team.Rows.Count == 0)
            {
                csv.Line([.. start, null, null, null, null]);
            }

            foreach (var row in team.Rows)
            {
                csv.Line([.. start, row.RowId, row.Habit, row.DepthScore, row.LevelReached]);
            }
        }

        return csv.ToResult(fileName);
    }

    /// <summary>One line per quarter and row.</summary>
    public static IResult Of(TeamSeries series, string fileName)
    {
        var csv = new Csv("team_id", "quarter", "fiscal_year", "fiscal_quarter", "row_id", "habit", "depth_score", "level_reached");
        foreach (var quarter in series.Quarters)
        {
            foreach (var row in quarter.Rows)
            {
                csv.Line(series.TeamId, quarter.Quarter, quarter.FiscalYear, quarter.FiscalQuarter, row.RowId, row.Habit, row.DepthScore, row.LevelReached);
            }
        }

        return csv.ToResult(fileName);
    }

    /// <summary>One line per team per list; <c>rows</c> holds the row ids concerned, separated by <c>;</c>.</summary>
    public static IResult Of(AttentionLists lists, string fileName)
    {
        var csv = new Csv("initiative_id", "scope_region_id", "quarter", "not_rated_days", "list", "team_id", "team_name", "region_id", "last_rated_at", "rows");
        foreach (var (list, teams) in new[] { ("movedUp", lists.MovedUp), ("stuck", lists.Stuck), ("notRated", lists.NotRated), ("sustained", lists.Sustained) })
        {
            foreach (var team in teams)
            {
                csv.Line(lists.InitiativeId, lists.RegionId, lists.Quarter, lists.NotRatedDays, list, team.TeamId, team.TeamName, team.RegionId, team.LastRatedAt, string.Join(';', team.Rows));
            }
        }

        return csv.ToResult(fileName);
    }
}
