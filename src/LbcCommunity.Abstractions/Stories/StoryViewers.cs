using LbcCommunity.Access;

namespace LbcCommunity.Stories;

/// <summary>How a caller is seen by stories: their communities and teams from their grants.</summary>
public static class StoryViewers
{
    public static StoryViewer Of(Caller caller) => new()
    {
        PersonId = caller.Subject,
        DisplayName = caller.DisplayName ?? caller.Subject,
        IsStateAdmin = caller.IsStateAdmin,
        IsTenantPerson = caller.IsTenantPerson,
        CommunityIds = Scopes(caller, AccessRole.CommunityMember, AccessRole.CommunityFacilitator),
        FacilitatedCommunityIds = Scopes(caller, AccessRole.CommunityFacilitator),
        TeamIds = Scopes(caller, AccessRole.TeamMember, AccessRole.TeamFacilitator),
    };

    /// <summary>What a viewer's search may return: everything published for state staff, else state and link stories and their own communities'.</summary>
    public static StorySearchScope ScopeOf(StoryViewer viewer) => new()
    {
        AllCommunities = viewer.IsStateAdmin,
        CommunityIds = [.. viewer.CommunityIds.Concat(viewer.FacilitatedCommunityIds).Distinct(StringComparer.Ordinal)],
    };

    /// <summary>Checks a search's paging and depth filter; the query's other fields are checked by the host's query rules.</summary>
    public static StorySearchQuery Query(StorySearchQuery query, Rubrics.DepthLevel? from, Rubrics.DepthLevel? to)
    {
        var v = new Validation.Validator();
        v.OptionalText("q", query.Text, 200).OptionalText("measure", query.Measure, 200);
        if (query.Limit is < 1 or > 100)
        {
            v.Add("limit", "'limit' must be 1–100.");
        }

        if (query.Offset is < 0 or > 10_000)
        {
            v.Add("offset", "'offset' must be 0–10,000.");
        }

        if (query.Year is < 1990 or > 2100)
        {
            v.Add("year", "'year' must be a year such as 2026.");
        }

        if ((from is not null || to is not null) && query.RowId is null)
        {
            v.Add("rowId", "A depth change ('from', 'to') is on a row: name it ('rowId').");
        }

        if (to is not null && from is null)
        {
            v.Add("from", "'from' is required with 'to'.");
        }

        if (from is { } f && to is { } t && t <= f)
        {
            v.Add("to", "'to' must be deeper than 'from'.");
        }

        v.ThrowIfInvalid();
        return from is { } start
            ? query with { DepthChanges = [new DepthFilter { RowId = query.RowId!, From = start, To = to }], RowId = null }
            : query;
    }

    private static IReadOnlyList<string> Scopes(Caller caller, params AccessRole[] roles) =>
        [.. caller.Grants.Where(g => roles.Contains(g.Role) && g.ScopeId is not null).Select(g => g.ScopeId!).Distinct(StringComparer.Ordinal)];
}
