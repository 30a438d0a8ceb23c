using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LbcCommunity.Bench;

/// <summary>The product, started as its own process from the repository's Release build, on a free port.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The process's resident set (VmRSS on Linux).</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Starts the host, or with <c>dll</c> another program of ours (the bare hub), and waits until it is ready.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    public static async Task<HostProcess> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings, string logFile, string? dll = null, string[]? leadingArguments = null)
    {
        var port = FreePort();
        var hostDll = dll ?? Path.Combine(repositoryRoot, "src", "LbcCommunity.Host", "bin", "Release", "net10.0", "LbcCommunity.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"Build the host first: dotnet build -c Release ({hostDll} is missing).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in leadingArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Storage:SiloPort={FreePort()}");
        start.ArgumentList.Add($"--Storage:GatewayPort={FreePort()}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        if (dll is null)
        {
            // The product: the benchmark signs in through the development sign-in, as the web app's code flow does.
            foreach (var (key, value) in BenchSignIn.HostSettings(new Uri($"http://127.0.0.1:{port}/")))
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        // Three minutes: on a shared 2-core machine under others' builds the host has taken over a minute to listen.
        var deadline = DateTime.UtcNow.Add(ReadyTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}; see {logFile}.");
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

        throw new TimeoutException($"The host did not become ready within {ReadyTimeout.TotalSeconds:F0} s; see {logFile}.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
