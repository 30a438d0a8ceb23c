using LbcCommunity.Access;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Identity.Server;
using LbcCommunity.Identity.SignIn;
using LbcCommunity.Identity.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity;

/// <summary>What the running server decided about sign-in, for the pages.</summary>
public sealed record IdentityRuntime(bool DevelopmentSignIn, IReadOnlyList<string> Operators)
{
    /// <summary>Whether <paramref name="email"/> is on the platform operators' list (e-mails compare normalized).</summary>
    public bool IsOperator(string email) => Operators.Contains(AccessRules.NormalizeEmail(email), StringComparer.Ordinal);
}

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// The authorization server (OpenIddict), federation to each tenant's identity providers, token validation for the
    /// API and hubs (the default authentication scheme), and the sign-in session cookie.
    /// </summary>
    public static IServiceCollection AddLbcIdentity(this IServiceCollection services, IConfiguration configuration, IdentityStore store)
    {
        var section = configuration.GetSection(LbcIdentityOptions.SectionName);
        var options = section.Get<LbcIdentityOptions>() ?? new LbcIdentityOptions();
        services.Configure<LbcIdentityOptions>(section);
        var requireHttps = options.RequireHttps ?? store.IsCluster;
        var developmentSignIn = options.DevelopmentSignIn ?? !store.IsCluster;
        services.AddSingleton(new IdentityRuntime(developmentSignIn, [.. options.Operators.Select(AccessRules.NormalizeEmail)]));
        services.AddSingleton(store);
        var (signingKey, encryptionKey) = SigningKeys.Load(options, store);

        services.AddDbContext<LbcIdentityDbContext>(db =>
        {
            if (store.IsCluster)
            {
                db.UseNpgsql(store.PostgresConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", LbcIdentityDbContext.Schema));
            }
            else
            {
                db.UseSqlite($"Data Source={store.SqlitePath};Pooling=True");
            }

            db.UseOpenIddict();
        });
        services.AddDataProtection()
            .SetApplicationName("LbcCommunity")
            .PersistKeysToDbContext<LbcIdentityDbContext>();
        services.AddAntiforgery();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<LbcIdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                if (options.Issuer is { } issuer)
                {
                    server.SetIssuer(new Uri(issuer, UriKind.Absolute));
                }

                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowCustomFlow(LbcClaims.JoinCodeGrantType);
                server.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.OfflineAccess, LbcClaims.ApiScope);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                server.AddSigningKey(signingKey).AddEncryptionKey(encryptionKey);
                // Access tokens are signed JWTs (RFC 9068), not also encrypted: decrypting one took an RSA private-key
                // operation (1.7 ms) on every API call and hub connection (bench: tokens). They carry ids and role names,
                // which their holder may see. Authorization codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();
                // An unregistered redirect of the web app gets a page naming Identity:WebOrigins, not a bare 400.
                server.AddRefusedRedirectPages();
                // Signing out (revoking the refresh token) ends every token of that sign-in, not only the newest.
                server.AddEventHandler(RevokeWholeSignIn.Descriptor);
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddClient(client =>
            {
                client.AllowAuthorizationCodeFlow();
                // Each tenant's provider adds its own redirect URI at run time; OpenIddict needs one to exist at start.
                client.SetRedirectionEndpointUris("signin/callback");
                // One way back from every provider's end-session endpoint; the state token says which provider it was.
                client.SetPostLogoutRedirectionEndpointUris(IdentityEndpoints.PostLogoutPath);
                client.AddSigningKey(signingKey).AddEncryptionKey(encryptionKey);
                var aspNetCore = client.UseAspNetCore().EnableRedirectionEndpointPassthrough().EnablePostLogoutRedirectionEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                client.UseSystemNetHttp();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddAudiences(LbcClaims.ApiAudience);
                validation.UseLbcAccessTokenRules();
            });

        // Providers answer in the query (see FederationRegistrations): the correlation cookie goes out with a top-level
        // GET, so SameSite=Lax suffices, and plain HTTP works on loopback when https is not required.
        services.Configure<OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreOptions>(client =>
        {
            client.CookieBuilder.SameSite = SameSiteMode.Lax;
            client.CookieBuilder.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<FederationRegistrations>();
        services.AddSignInFailurePages();
        services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>>(sp => sp.GetRequiredService<FederationRegistrations>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictClientOptions>>(sp => sp.GetRequiredService<FederationRegistrations>());
        services.AddScoped<ClientRegistrar>();
        services.AddSingleton<PrincipalFactory>();
        services.AddSingleton<JoinCodeAttempts>();
        services.AddSingleton<IdentityStoreInitializer>();

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(IdentityEndpoints.SessionScheme, cookie =>
            {
                cookie.Cookie.Name = "lbc.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/signin";
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Creates the identity tables when missing and registers the first-party clients. Call before the host starts:
    /// the web host reads the data-protection key ring from these tables as soon as it starts.
    /// </summary>
    public static Task InitializeLbcIdentityAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<IdentityStoreInitializer>().Initialize(cancellationToken);
}
