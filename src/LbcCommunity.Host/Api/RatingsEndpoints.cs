using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Grains;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/teams/{teamId}/ratings</c>: a team's member and consensus ratings.</summary>
internal static class RatingsEndpoints
{
    public static void MapRatings(this RouteGroupBuilder tenant)
    {
        var ratings = tenant.MapGroup("/teams/{teamId}/ratings").WithTags("Ratings");

        ratings.MapPost("/consensus", async Task<Created<Rating>> (string tenantId, string teamId, RatingDraft draft, IGrainFactory grains, [FromKeyedServices(DomainClock.Key)] TimeProvider time) =>
        {
            RatingRules.ValidateShape(draft, RatingKind.Consensus, time.GetUtcNow());
            var rating = await Team(grains, tenantId, teamId).RecordConsensusRating(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/teams/{teamId}/ratings/{rating.Id}", rating);
        })
        .WithName("RecordConsensusRating")
        .RequireAccess(AccessRule.TeamFacilitator)
        .WithSummary("Record the team's consensus rating (its record); it moves the region and state roll-ups.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        ratings.MapPost("/members", async Task<Created<Rating>> (string tenantId, string teamId, RatingDraft draft, IGrainFactory grains, HttpContext http, [FromKeyedServices(DomainClock.Key)] TimeProvider time) =>
        {
            RatingRules.ValidateShape(draft, RatingKind.Member, time.GetUtcNow());
            var caller = http.Caller();
            // A member rates for themself; facilitators and state staff may enter a rating for any member (from paper).
            if (!caller.CanFacilitateTeam(teamId) && caller.MemberIdOn(ConveningOwnerKind.Team, teamId) != draft.MemberId)
            {
                throw new AccessDeniedException("A member records only their own rating: 'memberId' must be yours.");
            }

            var rating = await Team(grains, tenantId, teamId).RecordMemberRating(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/teams/{teamId}/ratings/{rating.Id}", rating);
        })
        .WithName("RecordMemberRating")
        .RequireAccess(AccessRule.TeamMember)
        .WithSummary("Keep one member's own rating (the spread the team discusses before agreeing).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        ratings.MapGet("/", async Task<Ok<IReadOnlyList<Rating>>> (string tenantId, string teamId, RatingKind? kind, IGrainFactory grains) =>
            TypedResults.Ok(await Team(grains, tenantId, teamId).ListRatings(kind)))
        .WithName("ListRatings")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's ratings, oldest first, optionally of one kind (Member or Consensus).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        ratings.MapGet("/{ratingId}", async Task<Ok<Rating>> (string tenantId, string teamId, string ratingId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found((await Team(grains, tenantId, teamId).ListRatings(null)).FirstOrDefault(r => r.Id == ratingId), "Rating", ratingId)))
        .WithName("GetRating")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("One rating of the team.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/teams/{teamId}/ratings.csv", async (string tenantId, string teamId, RatingKind? kind, IGrainFactory grains) =>
        {
            var csv = new Csv(
                "rating_id", "kind", "team_id", "member_id", "convening_id", "rubric_version", "recorded_at", "sequence",
                "row_id", "habit", "informing_pct", "networking_pct", "collaborating_pct", "transforming_pct", "depth_score", "level_reached", "rated_at");
            foreach (var rating in await Team(grains, tenantId, teamId).ListRatings(kind))
            {
                foreach (var row in rating.Rows)
                {
                    csv.Line(
                        rating.Id, rating.Kind, rating.TeamId, rating.MemberId, rating.ConveningId, rating.RubricVersion, rating.RecordedAt, rating.Sequence,
                        row.RowId, row.Habit, row.Cells[0].AttainmentPercent, row.Cells[1].AttainmentPercent, row.Cells[2].AttainmentPercent, row.Cells[3].AttainmentPercent,
                        row.DepthScore, row.LevelReached, rating.RatedAt);
                }
            }

            return csv.ToResult($"{teamId}-ratings.csv");
        })
        .WithTags("Ratings")
        .WithName("ExportRatings")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's ratings as CSV, one line per rated row (columns in docs/ratings-and-rollups.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ITeamGrain Team(IGrainFactory grains, string tenantId, string teamId) =>
        grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId));
}
