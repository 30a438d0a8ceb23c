using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Revoking a refresh token (what signing out does, RFC 7009) ends the whole sign-in it belongs to: its authorization
/// and every token of it. OpenIddict alone revokes the one token sent; but refresh tokens roll, and the one a token was
/// renewed from stays redeemable for OpenIddict's reuse leeway (so two tabs renewing at once both succeed). Without this,
/// a copy of the refresh token taken moments before signing out, when a renewal was under way, still worked after it.
/// </summary>
internal sealed class RevokeWholeSignIn(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RevokeWholeSignIn>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.IsRejected || context.GenericTokenPrincipal is not { } principal
            || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken || principal.GetAuthorizationId() is not { Length: > 0 } id)
        {
            return;
        }

        if (await authorizations.FindByIdAsync(id, context.CancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, context.CancellationToken);
        }

        await tokens.RevokeByAuthorizationIdAsync(id, context.CancellationToken);
    }
}
