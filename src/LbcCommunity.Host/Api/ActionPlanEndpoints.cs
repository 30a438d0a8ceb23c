using System.Globalization;
using System.Text;
using LbcCommunity.ActionPlans;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>…/teams/{teamId}/action-plan</c> and <c>…/communities/{communityId}/action-plan</c>: the owner's goals and actions
/// (docs/action-plans.md). Readers read; facilitators change goals and actions; an action's owner says where it stands.
/// </summary>
internal static class ActionPlanEndpoints
{
    /// <summary>An import's body: 500 rows of a few hundred characters fit many times over.</summary>
    private const long ImportBodyBytes = 1024 * 1024;

    public static void MapActionPlans(this RouteGroupBuilder tenant)
    {
        tenant.MapGroup("/teams/{teamId}").MapActionPlan(ConveningOwnerKind.Team, "teamId", AccessRule.TeamReader, AccessRule.TeamMember, AccessRule.TeamFacilitator);
        tenant.MapGroup("/communities/{communityId}").MapActionPlan(ConveningOwnerKind.Community, "communityId", AccessRule.CommunityReader, AccessRule.CommunityReader, AccessRule.CommunityFacilitator);
    }

    private static void MapActionPlan(this RouteGroupBuilder owner, ConveningOwnerKind kind, string routeId, AccessRule read, AccessRule member, AccessRule facilitate)
    {
        var name = kind.ToString();
        var plan = owner.MapGroup("/action-plan").WithTags("Action plans");
        IActionPlanGrain Plan(IGrainFactory grains, HttpContext http) =>
            grains.GetGrain<IActionPlanGrain>(ActionPlanKeys.Of((string)http.Request.RouteValues["tenantId"]!, kind, (string)http.Request.RouteValues[routeId]!));

        plan.MapGet("/", async Task<Ok<ActionPlanView>> (HttpContext http, IGrainFactory grains) => TypedResults.Ok(await Plan(grains, http).GetPlan()))
            .WithName($"Get{name}ActionPlan").RequireAccess(read)
            .WithSummary("The plan: goals (tied to rubric rows) with their progress, and every action.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPost("/goals", async Task<Created<PlanGoal>> (HttpContext http, GoalDraft draft, IGrainFactory grains) =>
        {
            var goal = await Plan(grains, http).SaveGoal(draft, creating: true);
            return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{goal.Id}", goal);
        })
            .WithName($"Add{name}PlanGoal").RequireAccess(facilitate)
            .WithSummary("Add a goal: a title, a description, the rubric rows it works on.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plan.MapPut("/goals/{goalId}", async Task<Ok<PlanGoal>> (HttpContext http, string goalId, GoalDraft draft, IGrainFactory grains) =>
            TypedResults.Ok(await Plan(grains, http).SaveGoal(SameId(draft.Id, goalId, draft with { Id = goalId }), creating: false)))
            .WithName($"Update{name}PlanGoal").RequireAccess(facilitate)
            .WithSummary("Change a goal.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPost("/actions", async Task<Created<PlanAction>> (HttpContext http, ActionDraft draft, IGrainFactory grains) =>
        {
            var action = await Plan(grains, http).SaveAction(draft, creating: true);
            return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{action.Id}", action);
        })
            .WithName($"Add{name}PlanAction").RequireAccess(facilitate)
            .WithSummary("Add an action: a title, its goal, an owner from the roster, a due date, a status and notes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plan.MapPut("/actions/{actionId}", async Task<Ok<PlanAction>> (HttpContext http, string actionId, ActionDraft draft, IGrainFactory grains) =>
            TypedResults.Ok(await Plan(grains, http).SaveAction(SameId(draft.Id, actionId, draft with { Id = actionId }), creating: false)))
            .WithName($"Update{name}PlanAction").RequireAccess(facilitate)
            .WithSummary("Change an action as a whole.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPut("/actions/{actionId}/progress", async Task<Ok<PlanAction>> (HttpContext http, string actionId, ActionProgressDraft draft, IGrainFactory grains) =>
        {
            ActionPlanRules.Validate(draft);
            var caller = http.Caller();
            var ownerId = (string)http.Request.RouteValues[routeId]!;
            var actor = new PlanActor { IsFacilitator = caller.CanFacilitate(kind, ownerId), MemberId = caller.MemberIdOn(kind, ownerId) };
            return TypedResults.Ok(await Plan(grains, http).UpdateProgress(actionId, draft, actor));
        })
            .WithName($"Update{name}PlanActionProgress").RequireAccess(member)
            .WithSummary("Say where one's own action stands: its status and notes (a facilitator may for any action).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPost("/statuses", async Task<Ok<IReadOnlyList<PlanAction>>> (HttpContext http, StatusChangesDraft draft, IGrainFactory grains) =>
        {
            ActionPlanRules.Validate(draft);
            return TypedResults.Ok(await Plan(grains, http).SetStatuses(draft));
        })
            .WithName($"Set{name}PlanStatuses").RequireAccess(facilitate)
            .WithSummary("Set the status of many actions at once: all of them, or none when any change is refused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapGet("/attention", async Task<Ok<ActionAttention>> (HttpContext http, IGrainFactory grains) => TypedResults.Ok(await Plan(grains, http).Attention()))
            .WithName($"Get{name}PlanAttention").RequireAccess(facilitate)
            .WithSummary("Open actions past their due date, and due from today to six days on.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapGet("/facts", async Task<Ok<ActionFacts>> (HttpContext http, string? from, string? to, IGrainFactory grains) =>
        {
            var (start, end) = Period(from, to);
            return TypedResults.Ok(await Plan(grains, http).Facts(start, end));
        })
            .WithName($"Get{name}PlanFacts").RequireAccess(read)
            .WithSummary("Actions done, and fallen overdue, in a period [from, to) (dates yyyy-MM-dd).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPost("/import", async Task<Ok<ImportResult>> (HttpContext http, IGrainFactory grains) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var rows = ActionPlanCsv.Read(await reader.ReadToEndAsync(http.RequestAborted));
            return TypedResults.Ok(await Plan(grains, http).Import(rows));
        })
            .WithName($"Import{name}PlanActions").RequireAccess(facilitate).WithBodyLimit(ImportBodyBytes)
            .WithSummary("Add and change actions from a CSV file (the body, text/csv) in the export's format; any error in any row changes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        owner.MapGet("/action-plan.csv", async (HttpContext http, IGrainFactory grains) =>
            TypedResults.File(ActionPlanCsv.Write(await Plan(grains, http).GetPlan()), "text/csv; charset=utf-8", $"{http.Request.RouteValues[routeId]}-action-plan.csv"))
            .WithTags("Action plans").WithName($"Export{name}ActionPlan").RequireAccess(read)
            .WithSummary("The plan's actions as CSV (the import's format; columns in docs/action-plans.md).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static T SameId<T>(string? bodyId, string routeId, T draft)
    {
        if (bodyId is not null && bodyId != routeId)
        {
            throw DomainValidationException.For("id", $"'id' is '{bodyId}' but the route names '{routeId}'.");
        }

        return draft;
    }

    private static (DateOnly From, DateOnly To) Period(string? from, string? to)
    {
        var v = new Validation.Validator();
        DateOnly Day(string field, string? value)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            v.Add(field, $"'{field}' is required, a date as yyyy-MM-dd.");
            return default;
        }

        var (start, end) = (Day("from", from), Day("to", to));
        if (v.IsValid && end <= start)
        {
            v.Add("to", "'to' must be after 'from' (the period is [from, to)).");
        }

        v.ThrowIfInvalid();
        return (start, end);
    }
}
