using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>…/people</c>: who may sign in to the tenant, their staff roles and the identity provider they use.</summary>
internal static partial class PeopleEndpoints
{
    /// <summary>The log category of the audit trail's lines (sign-in bindings moved by an admin).</summary>
    public const string AuditCategory = "LbcCommunity.Audit";

    public static void MapPeople(this RouteGroupBuilder tenant)
    {
        var people = tenant.MapGroup("/people").WithTags("Access");
        people.MapGet("/", async Task<Ok<IReadOnlyList<Person>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await Access(grains, tenantId).ListPeople()))
        .WithName("ListPeople")
        .WithSummary("The people who may sign in, with their roles and roster memberships.")
        .RequireAccess(AccessRule.StateAdmin);

        people.MapPut("/staff", async Task<Ok<Person>> (string tenantId, StaffDraft draft, IGrainFactory grains) =>
        {
            AccessRules.Validate(draft);
            return TypedResults.Ok(await Access(grains, tenantId).SetStaff(draft));
        })
        .WithName("SetStaff")
        .WithSummary("Make a person (by e-mail) a state admin or regional coordinator, or take those roles away.")
        .ProducesValidationProblem()
        .RequireAccess(AccessRule.TenantSetup);

        people.MapPut("/{personId}/enabled", async Task<Ok<Person>> (string tenantId, string personId, EnabledDraft draft, IGrainFactory grains) =>
        {
            if (draft.Enabled is not { } enabled)
            {
                throw DomainValidationException.For("enabled", "'enabled' is required (true or false).");
            }

            return TypedResults.Ok(await Access(grains, tenantId).SetEnabled(personId, enabled));
        })
        .WithName("SetPersonEnabled")
        .WithSummary("Disable a person (they can no longer sign in or refresh tokens) or enable them again.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        people.MapPut("/{personId}/sign-in", async Task<Ok<Person>> (string tenantId, string personId, SignInBinding binding, HttpContext http, IGrainFactory grains, ILoggerFactory loggers) =>
        {
            AccessRules.Validate(binding);
            var caller = http.Caller();
            var person = await Access(grains, tenantId).BindSignIn(personId, binding, caller.Subject);
            var audit = loggers.CreateLogger(AuditCategory);
            LogSignInMoved(audit, tenantId, personId, binding.ProviderId ?? "(none)", caller.Subject);
            return TypedResults.Ok(person);
        })
        .WithName("BindPersonSignIn")
        .WithSummary("Move a person to another identity provider (optionally with their subject there), or unbind them (providerId null): audited in the person's signInHistory.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAccess(AccessRule.StateAdmin);
    }

    private static ITenantAccessGrain Access(IGrainFactory grains, string tenantId) => grains.GetGrain<ITenantAccessGrain>(tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: in tenant {TenantId}, person {PersonId} now signs in through provider {ProviderId}, set by {By}.")]
    private static partial void LogSignInMoved(ILogger logger, string tenantId, string personId, string providerId, string by);
}

public sealed record EnabledDraft
{
    public bool? Enabled { get; init; }
}
