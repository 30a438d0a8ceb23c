using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// A client (relying party) registered at the <see cref="ExternalIdentityProvider"/>. Its redirect URIs
/// are registered as their <see cref="Uri.AbsoluteUri"/> and compared exactly with the redirect_uri the client sends.
/// </summary>
public sealed record IdentityProviderClient(
    string ClientId,
    string ClientSecret,
    IReadOnlyList<Uri> RedirectUris,
    IReadOnlyList<Uri>? PostLogoutRedirectUris = null);

/// <summary>
/// A person who can sign in at the <see cref="ExternalIdentityProvider"/>, by sub or by email. With no
/// password, any password (or none) is accepted.
/// </summary>
public sealed record IdentityProviderAccount(
    string Sub,
    string Email,
    string Name,
    IReadOnlyList<string> Groups,
    bool EmailVerified = true,
    string? Password = null);

/// <summary>
/// A real, independent OpenID Connect provider (the oidc-provider npm package, run by
/// tests/identity-provider/server.mjs under Node) on a loopback port of its own, as a tenant's
/// identity provider would be. Authorization code flow with PKCE (required), client_secret_post or
/// client_secret_basic at the token endpoint, scopes openid, email, profile (name and groups) and
/// groups; the claims are in the ID token as well as at userinfo. Consent is granted without asking.
/// </summary>
/// <remarks>
/// The process is stopped by <see cref="DisposeAsync"/>, and stops by itself when its standard input
/// closes, that is when the test process goes away. Runs <c>npm ci</c> in the provider's folder first
/// when its packages are not installed.
/// </remarks>
public sealed class ExternalIdentityProvider : IAsyncDisposable
{
    private const string ListeningPrefix = "LISTENING ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ExternalIdentityProvider(
        Process process,
        StringBuilder log,
        string issuerIdentifier,
        IReadOnlyList<IdentityProviderClient> clients,
        IReadOnlyList<IdentityProviderAccount> accounts)
    {
        _process = process;
        _log = log;
        IssuerIdentifier = issuerIdentifier;
        Issuer = new Uri(issuerIdentifier);
        Clients = clients;
        Accounts = accounts;
    }

    /// <summary>
    /// The issuer as a <see cref="Uri"/>; note that <see cref="Uri.AbsoluteUri"/> ends with a slash
    /// that the <c>iss</c> claim does not have (see <see cref="IssuerIdentifier"/>).
    /// </summary>
    public Uri Issuer { get; }

    /// <summary>The issuer exactly as the provider writes it in <c>iss</c>: <c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string IssuerIdentifier { get; }

    public Uri DiscoveryDocument => new(Issuer, ".well-known/openid-configuration");

    public IReadOnlyList<IdentityProviderClient> Clients { get; }

    public IReadOnlyList<IdentityProviderAccount> Accounts { get; }

    /// <summary>The loopback port it listens on (to start another provider in its place, at the same issuer).</summary>
    public int Port => Issuer.Port;

    /// <summary>What the provider process wrote so far (standard error and output), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The folder holding server.mjs and package.json: tests/identity-provider under the repository root.</summary>
    public static string ProviderFolder { get; } = FindProviderFolder();

    /// <summary>
    /// Starts a provider knowing these clients and accounts, on <paramref name="port"/> (0: any free loopback port).
    /// <paramref name="clientAuthMethods"/>: what its token endpoint accepts (oidc-provider's default when null); its
    /// clients then authenticate with the first.
    /// </summary>
    public static async Task<ExternalIdentityProvider> StartAsync(
        IEnumerable<IdentityProviderClient> clients,
        IEnumerable<IdentityProviderAccount> accounts,
        int port = 0,
        IReadOnlyList<string>? clientAuthMethods = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(accounts);
        var clientList = clients.ToList();
        var accountList = accounts.ToList();

        await NodePackages.EnsureInstalledAsync(ProviderFolder, "oidc-provider", cancellationToken);

        var configPath = Path.Combine(Path.GetTempPath(), $"lbc-identity-provider-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configPath, ConfigurationJson(port, clientList, accountList, clientAuthMethods), cancellationToken);
        try
        {
            return await StartProcessAsync(configPath, clientList, accountList, cancellationToken);
        }
        finally
        {
            // The provider reads its configuration once, at start.
            File.Delete(configPath);
        }
    }

    /// <summary>Changes an account's claims (e-mail, name, groups) from the next sign-in on, as the provider's directory would.</summary>
    public async Task UpdateAccountAsync(IdentityProviderAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var http = new HttpClient();
        using var body = new StringContent(JsonSerializer.Serialize(new
        {
            email = account.Email,
            email_verified = account.EmailVerified,
            name = account.Name,
            groups = account.Groups.ToArray(),
        }), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(Issuer, $"_control/accounts/{Uri.EscapeDataString(account.Sub)}"), body);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing standard input asks the provider to stop; killing is the fallback.
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<ExternalIdentityProvider> StartProcessAsync(
        string configPath,
        IReadOnlyList<IdentityProviderClient> clients,
        IReadOnlyList<IdentityProviderAccount> accounts,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ProviderFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ProviderFolder, "server.mjs"));
        start.ArgumentList.Add(configPath);

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Append(log, e.Data);
            if (e.Data.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                listening.TrySetResult(e.Data[ListeningPrefix.Length..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(log, e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException("Could not start 'node' (Node.js 20 or later must be on PATH) for the test identity provider.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(listening.Task, exited);
        if (first == listening.Task)
        {
            return new ExternalIdentityProvider(process, log, await listening.Task, clients, accounts);
        }

        var reason = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not print '{ListeningPrefix.Trim()}' within {StartTimeout.TotalSeconds:0} s";
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException($"The test identity provider {reason}. Its output:{Environment.NewLine}{Read(log)}");
    }

    private static string ConfigurationJson(int port, IReadOnlyList<IdentityProviderClient> clients, IReadOnlyList<IdentityProviderAccount> accounts, IReadOnlyList<string>? clientAuthMethods)
    {
        var configuration = new
        {
            port,
            client_auth_methods = clientAuthMethods,
            clients = clients.Select(c => new
            {
                client_id = c.ClientId,
                client_secret = c.ClientSecret,
                redirect_uris = c.RedirectUris.Select(u => u.AbsoluteUri).ToArray(),
                post_logout_redirect_uris = (c.PostLogoutRedirectUris ?? []).Select(u => u.AbsoluteUri).ToArray(),
            }).ToArray(),
            accounts = accounts.Select(a => new
            {
                sub = a.Sub,
                email = a.Email,
                email_verified = a.EmailVerified,
                name = a.Name,
                groups = a.Groups.ToArray(),
                password = a.Password,
            }).ToArray(),
        };
        return JsonSerializer.Serialize(configuration);
    }

    private static string FindProviderFolder()
    {
        var provider = NodePackages.TestsFolder("identity-provider");
        return File.Exists(Path.Combine(provider, "server.mjs"))
            ? provider
            : throw new InvalidOperationException($"{provider}/server.mjs is missing.");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Read(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
