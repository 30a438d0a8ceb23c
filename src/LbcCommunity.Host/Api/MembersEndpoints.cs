using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>…/members</c>: the members of a team or a community of practice.</summary>
internal static class MembersEndpoints
{
    /// <summary>Maps the member endpoints under <paramref name="owner"/>, whose route names the roster's owner.</summary>
    public static void MapMembers(this RouteGroupBuilder owner, string ownerKind, Func<IGrainFactory, RouteValueDictionary, IMemberRosterGrain> roster, AccessRule read, AccessRule write)
    {
        var members = owner.MapGroup("/members").WithTags(ownerKind == "Team" ? "Team members" : "Community members");
        var operation = ownerKind.Replace(" ", string.Empty, StringComparison.Ordinal);

        members.MapGet("/", async Task<Ok<IReadOnlyList<Member>>> (HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await roster(grains, http.Request.RouteValues).ListMembers()))
        .WithName($"List{operation}Members")
        .RequireAccess(read)
        .WithSummary($"List the members of a {ownerKind.ToLowerInvariant()}.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        members.MapPost("/", async Task<Created<Member>> (HttpContext http, MemberDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var member = await roster(grains, http.Request.RouteValues).AddMember(draft);
            return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{member.Id}", member);
        })
        .WithName($"Add{operation}Member")
        .RequireAccess(write)
        .WithSummary($"Add a member to a {ownerKind.ToLowerInvariant()}.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        members.MapGet("/{memberId}", async Task<Ok<Member>> (HttpContext http, string memberId, IGrainFactory grains) =>
            TypedResults.Ok(await roster(grains, http.Request.RouteValues).GetMember(memberId)))
        .WithName($"Get{operation}Member")
        .RequireAccess(read)
        .WithSummary("Read a member.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        members.MapPut("/{memberId}", async Task<Ok<Member>> (HttpContext http, string memberId, MemberDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await roster(grains, http.Request.RouteValues).UpdateMember(memberId, draft));
        })
        .WithName($"Update{operation}Member")
        .RequireAccess(write)
        .WithSummary("Change a member's name, e-mail, stakeholder role or facilitator flag.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        members.MapDelete("/{memberId}", async Task<NoContent> (HttpContext http, string memberId, IGrainFactory grains) =>
        {
            await roster(grains, http.Request.RouteValues).RemoveMember(memberId);
            return TypedResults.NoContent();
        })
        .WithName($"Remove{operation}Member")
        .RequireAccess(write)
        .WithSummary("Remove a member.")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
