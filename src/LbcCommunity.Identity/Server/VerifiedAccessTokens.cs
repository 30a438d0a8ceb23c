using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Access tokens whose signature this host has already verified, so a client that sends the same token on every call
/// (all of them, for the token's lifetime) pays for the RSA verification and the JWT parsing once, not per request:
/// on this machine that was about 11 % of the host's CPU at 2,000 API calls a second (perf, docs/benchmarks.md), with
/// OpenSSL 3's per-call key set-up the larger part. Only what IdentityModel checks is skipped (signature, issuer,
/// type, the token's shape): OpenIddict's later handlers (expiry, audience, presenter, our <c>nbf</c> rule) run on every
/// request as before, on a copy of the principal the first verification produced.
/// <para>
/// The entry's key is the whole token plus the issuers and token types it was verified against (the issuer may come
/// from the request's address), so an entry is found only by the same token checked the same way. An entry lives at
/// most <see cref="MaxAge"/> and never past the token's <c>exp</c>; at most <see cref="Capacity"/> are kept. A signing
/// key withdrawn from configuration takes a restart, which empties the cache.
/// </para>
/// Not a home-made token validator: the verification is still OpenIddict's and IdentityModel's; this remembers their
/// verdict for a valid token. No library offers this for OpenIddict's validation pipeline.
/// </summary>
internal sealed class VerifiedAccessTokens(TimeProvider time) : IDisposable
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>A copy of the principal verified for this token with these parameters, while the entry lives.</summary>
    public bool TryGet(string key, out ClaimsPrincipal principal)
    {
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null && entry.Until > time.GetUtcNow())
        {
            principal = entry.Principal.Clone();
            return true;
        }

        principal = null!;
        return false;
    }

    public void Remember(string key, ClaimsPrincipal principal)
    {
        var now = time.GetUtcNow();
        var until = now + MaxAge;
        if (principal.FindFirst(Claims.ExpiresAt)?.Value is { } exp
            && long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(seconds) < until)
        {
            until = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (until <= now)
        {
            return;
        }

        _cache.Set(key, new Entry(principal.Clone(), until), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = until - now,
        });
    }

    public int Count => _cache.Count;

    public void Dispose() => _cache.Dispose();

    /// <summary>The cache key: the token and what it is verified against, or <c>null</c> for anything but an access token.</summary>
    public static string? KeyOf(ValidateTokenContext context)
    {
        if (string.IsNullOrEmpty(context.Token) || context.TokenValidationParameters is not { } parameters
            || context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.AccessToken))
        {
            return null;
        }

        var issuers = parameters.ValidIssuers is null ? string.Empty : string.Join(' ', parameters.ValidIssuers);
        var types = parameters.ValidTypes is null ? string.Empty : string.Join(' ', parameters.ValidTypes);
        return string.Concat(issuers, "\n", types, "\n", context.Token);
    }

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);

    /// <summary>Before IdentityModel's verification: a token verified before gets its principal back, and that step is skipped.</summary>
    internal sealed class ReuseHandler(VerifiedAccessTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<ReuseHandler>()
                .SetOrder(OpenIddictValidationHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            // ValidateIdentityModelToken leaves a principal that is already there alone.
            if (context.Principal is null && KeyOf(context) is { } key && tokens.TryGet(key, out var principal))
            {
                context.Principal = principal;
                context.Transaction.Properties[ReusedProperty] = true;
            }

            return default;
        }
    }

    /// <summary>Right after IdentityModel's verification, before OpenIddict's handlers change the principal: remember it.</summary>
    internal sealed class RememberHandler(VerifiedAccessTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<RememberHandler>()
                .SetOrder(OpenIddictValidationHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is { } principal && context.TokenValidationResult is { IsValid: true }
                && !context.Transaction.Properties.ContainsKey(ReusedProperty) && KeyOf(context) is { } key)
            {
                tokens.Remember(key, principal);
            }

            return default;
        }
    }

    private const string ReusedProperty = "lbc:verified-token-reused";
}
