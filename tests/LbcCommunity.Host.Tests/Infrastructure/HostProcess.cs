using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// The product as an operator starts it: <c>dotnet LbcCommunity.Host.dll</c> in a process of its own, with settings on
/// the command line (its appsettings.json, the Production environment). Keeps what it writes (one JSON log entry a line)
/// and can tell which TCP ports it listens on.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The address it was started on (<c>--urls</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>What it wrote so far, stdout and stderr, a line each.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts the host on <paramref name="url"/> with <paramref name="arguments"/> and waits until it is live.</summary>
    public static async Task<HostProcess> StartAsync(Uri url, params string[] arguments)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "LbcCommunity.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.GetLeftPart(UriPartial.Authority));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // As an operator's shell would have it: nothing of the test run's environment decides the host's settings.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, url);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilLive();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A browser of its own on <paramref name="origin"/> (default: the address it was started on): cookies kept, redirects not followed.</summary>
    public HttpClient Browser(Uri? origin = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = origin ?? BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>The TCP ports the process listens on (Linux: its sockets in /proc, matched with /proc/net/tcp and tcp6).</summary>
    public IReadOnlySet<int> ListeningPorts()
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{_process.Id}/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    sockets.Add(target["socket:[".Length..^1]);
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == "0A" && sockets.Contains(columns[9]))
                {
                    ports.Add(int.Parse(columns[1][(columns[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
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

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private async Task WaitUntilLive()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the last lines it wrote have been read: wait for the output to close.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The host exited ({_process.ExitCode}) before it was live:\n{string.Join('\n', Output.TakeLast(40))}");
            }

            try
            {
                // Live and started: the server answers before the silo and the hosted services that follow it are up;
                // "Application started" is logged once every one of them is.
                using var live = await http.GetAsync("/health/live");
                if (live.IsSuccessStatusCode && Output.Any(line => line.Contains("Application started", StringComparison.Ordinal)))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host was not live within {StartPatience}:\n{string.Join('\n', Output.TakeLast(40))}");
    }
}
