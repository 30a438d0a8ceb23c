using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// The product as its own process (<c>dotnet LbcCommunity.Host.dll</c> from this build), on Kestrel at a port chosen
/// by the test: a host that can be killed (<see cref="Kill"/>, SIGKILL) as a crashed machine would be.
/// </summary>
public sealed class ClusterHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private ClusterHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the host wrote to its console so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Starts the host with <paramref name="settings"/> (configuration keys) on <paramref name="httpPort"/> and waits until it is ready.</summary>
    public static async Task<ClusterHostProcess> StartAsync(int httpPort, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(HostDll);
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{httpPort}"));
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--Storage:SiloPort={FreePorts.Next()}"));
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--Storage:GatewayPort={FreePorts.Next()}"));
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
        }

        // As in production: hub errors carry only what the hub chose to say.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__LbcCommunity"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var process = Process.Start(start)!;
        var host = new ClusterHostProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{string.Join('\n', host.Log.TakeLast(40))}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The host did not become ready within 90 s:\n{string.Join('\n', host.Log.TakeLast(40))}");
    }

    /// <summary>The host's Release (or Debug) build next to this test build.</summary>
    private static string HostDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
            // tests/LbcCommunity.Host.Tests/bin/{Configuration}/net10.0/
            var configuration = testOutput.Parent!.Name;
            var root = testOutput;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "LbcCommunity.sln")))
            {
                root = root.Parent;
            }

            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository root (LbcCommunity.sln) was not found above the test build."),
                "src", "LbcCommunity.Host", "bin", configuration, testOutput.Name, "LbcCommunity.Host.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the host first ({dll} is missing).");
        }
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM), as Kubernetes does to a pod in a rolling update, and waits until it has
    /// exited; returns its exit code. (<see cref="Process.Kill()"/> would be SIGKILL.)
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan patience)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>An access token of the person, through the development sign-in as a browser does it.</summary>
    public async Task<string> TokenFor(string? tenantId, string email)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = BaseAddress };
        return (await LbcSignIn.SignInAsync(browser, tenantId, email)).AccessToken;
    }

    /// <summary>A guest's token for the convening a join code opens.</summary>
    public async Task<string> GuestToken(string joinCode, string displayName)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        return (await LbcSignIn.JoinAsync(http, joinCode, displayName)).AccessToken;
    }

    /// <summary>A plain HTTP client that sends <paramref name="accessToken"/>.</summary>
    public HttpClient ClientWith(string accessToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A typed API client acting as the platform operator, and as the tenant's state admin on its routes.</summary>
    public LbcCommunityClient Api() => new(new HttpClient(new AdministratorTokensOf(this)) { BaseAddress = BaseAddress });

    /// <summary>A started ConveningHub client on a real WebSocket to this host.</summary>
    public async Task<ConveningClient> Convening(string accessToken)
    {
        var client = new ConveningClient(new Uri(BaseAddress, "/hubs/convening"), options =>
        {
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        });
        await client.StartAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    /// <summary>As <see cref="AdministratorTokens"/>, for a host process.</summary>
    private sealed class AdministratorTokensOf(ClusterHostProcess host) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly Dictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var token = await Kept(null, () => host.TokenFor(null, LbcHostFactory.OperatorEmail));
            if (segments is ["api", "tenants", var tenantId, ..])
            {
                var operatorToken = token;
                try
                {
                    token = await Kept(tenantId, async () =>
                    {
                        using var asOperator = host.ClientWith(operatorToken);
                        var made = await asOperator.PutAsJsonAsync($"/api/tenants/{tenantId}/people/staff", new { email = LbcHostFactory.StateAdminEmail(tenantId), stateAdmin = true }, cancellationToken);
                        made.EnsureSuccessStatusCode();
                        return await host.TokenFor(tenantId, LbcHostFactory.StateAdminEmail(tenantId));
                    });
                }
                catch (HttpRequestException)
                {
                    // No such tenant yet (it is being created): the operator's token.
                }
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, cancellationToken);
        }

        private Task<string> Kept(string? key, Func<Task<string>> signIn)
        {
            lock (_tokens)
            {
                if (!_tokens.TryGetValue(key ?? "", out var kept) || kept.IsFaulted)
                {
                    kept = signIn();
                    _tokens[key ?? ""] = kept;
                }

                return kept;
            }
        }
    }
}
