using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// Microsoft's Azure Storage emulator (the azurite npm package of tests/azurite) on three loopback ports of its own,
/// in memory, for one test collection. What it does not prove about Azure: docs/architecture.md, "Where the data lives".
/// </summary>
/// <remarks>Runs <c>npm ci</c> in tests/azurite first when its packages are not installed.</remarks>
public sealed class Azurite : IAsyncLifetime
{
    /// <summary>Azurite's one account and its published key (the emulator's, not a secret).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _workFolder;

    /// <summary>A connection string to the emulator's account, as <c>Storage:Azure:ConnectionString</c> takes it.</summary>
    public string ConnectionString { get; private set; } = "";

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

    public async Task InitializeAsync()
    {
        var folder = NodePackages.TestsFolder("azurite");
        await NodePackages.EnsureInstalledAsync(folder, "azurite", CancellationToken.None);
        var (blobPort, queuePort, tablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        // In memory it writes nothing, but its working folder is its own all the same.
        _workFolder = Path.Combine(Path.GetTempPath(), "lbc-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workFolder);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js"));
        foreach (var argument in new[] { "--inMemoryPersistence", "--loose", "--skipApiVersionCheck", "--disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (service, port) in new[] { ("blob", blobPort), ("queue", queuePort), ("table", tablePort) })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.Contains("successfully listening", StringComparison.Ordinal) == true && Interlocked.Increment(ref listening) == 3)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException("Could not start 'node' (Node.js 20 or later must be on PATH) for Azurite.", e);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(timeout.Token));
        if (first != ready.Task)
        {
            throw new InvalidOperationException(
                $"Azurite {(process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds:0} s")}:{Environment.NewLine}{Log}");
        }

        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_workFolder is not null && Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
