namespace LbcCommunity.Identity;

/// <summary>Sign-in settings, bound from the configuration section <c>Identity</c>.</summary>
public sealed class LbcIdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The built-in development sign-in (pick a known person, no password). On by default in the embedded mode, off in a
    /// cluster unless set to true here.
    /// </summary>
    public bool? DevelopmentSignIn { get; set; }

    /// <summary>
    /// The issuer of our tokens (<c>https://lbc.example.org/</c>). Every silo behind one address must use the same
    /// value; when unset, it is the address the request came to (fine for one silo).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>PEM file of the RSA key that signs tokens. Required in a cluster (every silo must sign alike).</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>PEM file of the RSA key that encrypts tokens. Required in a cluster.</summary>
    public string? EncryptionKeyPath { get; set; }

    /// <summary>
    /// Origins the web app is served from (<c>https://lbc.example.org</c>); its redirect URIs are
    /// <c>{origin}/auth/callback</c> and <c>{origin}/</c>.
    /// </summary>
    public List<string> WebOrigins { get; set; } = [];

    /// <summary>Refuse plain HTTP (behind a TLS-terminating proxy, forward the scheme). Off only for loopback development and tests.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>E-mail addresses of platform operators (who sign in through the operators' identity provider, or the development sign-in).</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>
    /// The platform's own OpenID Connect provider, through which operators sign in (<c>/signin/operators</c>; redirect
    /// URI <c>/signin/operators/callback</c>). Only e-mails listed in <see cref="Operators"/> are let in.
    /// </summary>
    public OperatorProviderOptions? OperatorProvider { get; set; }

    /// <summary>How long an access token lives; a hub connection closes when its token expires.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Wrong join codes one address may try in a minute before it may try none (see JoinCodeAttempts).</summary>
    public int JoinCodeFailuresPerMinute { get; set; } = 10;

    /// <summary>How long a guest's token lives at most (never past its join code's expiry). No refresh.</summary>
    public TimeSpan GuestTokenLifetime { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>Where the identity server keeps applications, tokens and the data-protection keys.</summary>
public sealed record IdentityStore
{
    /// <summary>Embedded mode: the SQLite file for identity data.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>Cluster mode: the PostgreSQL connection string (tables in the schema <c>identity</c>).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Embedded mode: where development keys are created on first start.</summary>
    public string? DevelopmentKeyFolder { get; init; }

    public bool IsCluster => PostgresConnectionString is not null;
}

/// <summary>The operators' identity provider (configuration, not tenant data).</summary>
public sealed class OperatorProviderOptions
{
    public string? Issuer { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public List<string> Scopes { get; set; } = ["email", "profile"];
}

