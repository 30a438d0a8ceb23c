using System.Diagnostics;
using System.Text;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// The Node programs the tests start (the identity provider, Azurite) live in folders under tests/ with a
/// package-lock.json; this installs their packages with <c>npm ci</c> when they are missing, once per test process
/// (the gate) and per machine (a lock file: the test projects run side by side). scripts/test does it up front.
/// </summary>
internal static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>tests/<paramref name="name"/> under the repository root.</summary>
    public static string TestsFolder(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LbcCommunity.slnx")) || File.Exists(Path.Combine(folder.FullName, "LbcCommunity.sln")))
            {
                return Path.Combine(folder.FullName, "tests", name);
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds LbcCommunity.slnx or LbcCommunity.sln.");
    }

    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> unless <paramref name="package"/> is installed there.</summary>
    public static async Task EnsureInstalledAsync(string folder, string package, CancellationToken cancellationToken)
    {
        if (Installed(folder, package))
        {
            return;
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            using var machineLock = await LockFileAsync(folder, cancellationToken);
            if (Installed(folder, package))
            {
                return;
            }

            await RunNpmCiAsync(folder, cancellationToken);
            if (!Installed(folder, package))
            {
                throw new InvalidOperationException($"npm ci finished but {folder}/node_modules still lacks {package}.");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static bool Installed(string folder, string package) =>
        File.Exists(Path.Combine(folder, "node_modules", package, "package.json"))
        // npm writes this last, so a half-finished install does not count.
        && File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json"));

    private static async Task<FileStream> LockFileAsync(string folder, CancellationToken cancellationToken)
    {
        var folderKey = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"lbc-tests-npm-{folderKey}.lock");
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{folder}/node_modules is missing and 'npm' could not be started to install it.", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            lock (log)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed with exit code {process.ExitCode}:{Environment.NewLine}{log}");
            }
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
