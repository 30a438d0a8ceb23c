using LbcCommunity.Access;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Identity.Server;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// Who may sign in and what they may do: the tenant's people and staff roles, its identity providers, its
/// integrations (client credentials), guests' join codes, and <c>/api/me</c>.
/// </summary>
internal static partial class AccessEndpoints
{
    /// <summary>The log category of the audit trail's lines (sign-in bindings moved by an admin).</summary>
    public const string AuditCategory = "LbcCommunity.Audit";

    /// <summary>How long a join code works when the facilitator does not say.</summary>
    public static readonly TimeSpan DefaultJoinCodeLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest a join code may work.</summary>
    public static readonly TimeSpan MaxJoinCodeLifetime = TimeSpan.FromDays(14);

    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http) =>
        {
            var caller = http.Caller();
            return TypedResults.Ok(new CallerView
            {
                Subject = caller.Subject,
                TenantId = caller.TenantId,
                DisplayName = caller.DisplayName,
                Roles = [.. caller.Grants.Select(g => Grant.NameOf(g.Role)).Distinct()],
                Grants = [.. caller.Grants.Select(g => g.ClaimValue)],
            });
        })
        .WithTags("Access")
        .WithName("GetMe")
        .WithSummary("Who the token names: subject, tenant, roles and where they apply.")
        .RequireAccess(AccessRule.SignedIn);

    public static void MapAccess(this RouteGroupBuilder tenant)
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

        var providers = tenant.MapGroup("/identity-providers").WithTags("Access");
        providers.MapGet("/", async Task<Ok<IReadOnlyList<IdentityProvider>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await Access(grains, tenantId).ListIdentityProviders()))
        .WithName("ListIdentityProviders")
        .WithSummary("The tenant's OpenID Connect providers (client secrets are never returned).")
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapGet("/{providerId}", async Task<Ok<IdentityProvider>> (string tenantId, string providerId, IGrainFactory grains) =>
            TypedResults.Ok((await Access(grains, tenantId).ListIdentityProviders()).FirstOrDefault(p => p.Id == providerId)
                ?? throw new EntityNotFoundException("IdentityProvider", providerId)))
        .WithName("GetIdentityProvider")
        .WithSummary("One identity provider, with its status and last error (the client secret is never returned).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapPut("/{providerId}", async Task<Ok<IdentityProvider>> (HttpContext http, string tenantId, string providerId, IdentityProviderDraft draft, IGrainFactory grains, IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time) =>
            TypedResults.Ok(await IdentityProviderSetup.Save(http, tenantId, providerId, draft, grains, protection, probe, time)))
        .WithName("SaveIdentityProvider")
        .WithSummary("Add or change an identity provider: issuer, client, scopes, e-mail domains and role mappings. The provider is checked first (discovery document, client id and secret); a set-up that cannot work is refused. Its redirect URI is /signin/callback/{tenantId}/{providerId}; it takes effect at once.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapPost("/{providerId}/test", async Task<Ok<IdentityProvider>> (HttpContext http, string tenantId, string providerId, IGrainFactory grains, IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time) =>
            TypedResults.Ok(await IdentityProviderSetup.Test(http, tenantId, providerId, grains, protection, probe, time)))
        .WithName("TestIdentityProvider")
        .WithSummary("Check the stored provider again (discovery document, client id and secret) and record the outcome as its status and last error.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapDelete("/{providerId}", async Task<NoContent> (string tenantId, string providerId, IGrainFactory grains) =>
        {
            await Access(grains, tenantId).RemoveIdentityProvider(providerId);
            return TypedResults.NoContent();
        })
        .WithName("RemoveIdentityProvider")
        .WithSummary("Remove an identity provider; its users can no longer sign in through it.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        var integrations = tenant.MapGroup("/integrations").WithTags("Access");
        integrations.MapGet("/", async Task<Ok<IReadOnlyList<IntegrationClient>>> (string tenantId, ClientRegistrar clients, CancellationToken cancellationToken) =>
            TypedResults.Ok(await clients.ListIntegrations(tenantId, cancellationToken)))
        .WithName("ListIntegrations")
        .WithSummary("The tenant's data systems that pull roll-ups with client credentials.")
        .RequireAccess(AccessRule.StateAdmin);

        integrations.MapPost("/", async Task<Created<IntegrationClient>> (string tenantId, IntegrationClientDraft draft, ClientRegistrar clients, CancellationToken cancellationToken) =>
        {
            var client = await clients.CreateIntegration(tenantId, draft, cancellationToken);
            return TypedResults.Created($"/api/tenants/{tenantId}/integrations/{client.ClientId}", client);
        })
        .WithName("CreateIntegration")
        .WithSummary("Register a data system; the answer holds its client secret, shown this once.")
        .ProducesValidationProblem()
        .RequireAccess(AccessRule.StateAdmin);

        integrations.MapDelete("/{clientId}", async Task<NoContent> (string tenantId, string clientId, ClientRegistrar clients, CancellationToken cancellationToken) =>
        {
            await clients.DeleteIntegration(tenantId, clientId, cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteIntegration")
        .WithSummary("Remove a data system: its client credentials stop working.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        var codes = tenant.MapGroup("/convenings/{conveningId}/join-codes").WithTags("Convenings");
        codes.MapPost("/", async Task<Created<IssuedJoinCode>> (string tenantId, string conveningId, JoinCodeDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            var lifetime = draft.ValidForHours is { } hours ? TimeSpan.FromHours(hours) : DefaultJoinCodeLifetime;
            var v = new Validator().OptionalText("label", draft.Label, Validator.NameMaxLength);
            if (lifetime <= TimeSpan.Zero || lifetime > MaxJoinCodeLifetime)
            {
                v.Add("validForHours", $"'validForHours' must be 1–{MaxJoinCodeLifetime.TotalHours:0}.");
            }

            v.ThrowIfInvalid();
            var convening = await ExistingConvening(grains, tenantId, conveningId);
            var code = JoinCodes.Generate();
            var now = time.GetUtcNow();
            var joinCode = new JoinCode
            {
                Id = "jc-" + Organization.OrganizationRules.NewId(),
                Label = draft.Label?.Trim(),
                IssuedAt = now,
                ExpiresAt = now + lifetime,
                IssuedBy = http.Caller().Subject,
            };
            // The index first, so a code the convening lists can always be found; an index entry without a listing
            // opens nothing, because the convening is asked whether the code is active.
            await TenantScope.AsPlatform(() => grains.GetGrain<IJoinCodeGrain>(JoinCodes.Hash(code)!).Register(new JoinCodeTarget
            {
                TenantId = tenantId,
                ConveningId = conveningId,
                JoinCodeId = joinCode.Id,
                ExpiresAt = joinCode.ExpiresAt,
            }));
            await convening.AddJoinCode(joinCode);
            var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/join?code={Uri.EscapeDataString(code)}";
            return TypedResults.Created($"/api/tenants/{tenantId}/convenings/{conveningId}/join-codes/{joinCode.Id}", new IssuedJoinCode { Code = code, Link = link, JoinCode = joinCode });
        })
        .WithName("IssueJoinCode")
        .WithSummary("Issue a join code (and link) for guests without an account; the code is shown this once.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);

        codes.MapGet("/", async Task<Ok<IReadOnlyList<JoinCode>>> (string tenantId, string conveningId, IGrainFactory grains) =>
        {
            var convening = await ExistingConvening(grains, tenantId, conveningId);
            return TypedResults.Ok(await convening.ListJoinCodes());
        })
        .WithName("ListJoinCodes")
        .WithSummary("The convening's join codes (without the codes themselves).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);

        codes.MapDelete("/{joinCodeId}", async Task<Ok<JoinCode>> (string tenantId, string conveningId, string joinCodeId, IGrainFactory grains) =>
        {
            var convening = await ExistingConvening(grains, tenantId, conveningId);
            return TypedResults.Ok(await convening.RevokeJoinCode(joinCodeId));
        })
        .WithName("RevokeJoinCode")
        .WithSummary("Revoke a join code: no one joins with it any more, and guests who came with it can no longer act.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);
    }

    private static ITenantAccessGrain Access(IGrainFactory grains, string tenantId) => grains.GetGrain<ITenantAccessGrain>(tenantId);

    /// <summary>The convening named in the route; not found (404) when it was never planned.</summary>
    private static async Task<IConveningGrain> ExistingConvening(IGrainFactory grains, string tenantId, string conveningId)
    {
        var convening = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
        _ = ApiRoutes.Found(await convening.TryGet(), "Convening", conveningId);
        return convening;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: in tenant {TenantId}, person {PersonId} now signs in through provider {ProviderId}, set by {By}.")]
    private static partial void LogSignInMoved(ILogger logger, string tenantId, string personId, string providerId, string by);
}

/// <summary>The caller, as <c>GET /api/me</c> shows them.</summary>
public sealed record CallerView
{
    public required string Subject { get; init; }

    public string? TenantId { get; init; }

    public string? DisplayName { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Roles with where they apply: <c>team-facilitator:cafe-manchester:m-1</c>.</summary>
    public required IReadOnlyList<string> Grants { get; init; }
}

public sealed record EnabledDraft
{
    public bool? Enabled { get; init; }
}

public sealed record JoinCodeDraft
{
    /// <summary>Who the code is for, for the facilitator's own list.</summary>
    public string? Label { get; init; }

    /// <summary>Hours the code works (1–336); 24 when left out.</summary>
    public int? ValidForHours { get; init; }
}

public sealed record IssuedJoinCode
{
    /// <summary>The code to read out or send (shown this once).</summary>
    public required string Code { get; init; }

    /// <summary>A link that opens the join page with the code filled in.</summary>
    public required string Link { get; init; }

    public required JoinCode JoinCode { get; init; }

}
