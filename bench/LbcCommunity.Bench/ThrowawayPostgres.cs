using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LbcCommunity.Bench;

/// <summary>
/// A PostgreSQL cluster of its own for one benchmark run, on 127.0.0.1 and a free port, as scripts/test starts one:
/// the newest server binaries under /usr/lib/postgresql, owned by the postgres user (initdb refuses root), removed at
/// the end.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private ThrowawayPostgres(string bin, string folder, string connectionString)
    {
        _bin = bin;
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>An admin connection string (database postgres).</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries are not installed (apt-get install -y postgresql); or pass --postgres / LBC_BENCH_POSTGRES.");
        }

        var folder = Directory.CreateTempSubdirectory("lbc-bench-pg-").FullName;
        var password = "bench-" + Guid.NewGuid().ToString("N")[..12];
        await File.WriteAllTextAsync(Path.Combine(folder, "pwfile"), password + "\n");
        await Run("chmod", "755", folder);
        await Run("chown", "-R", "postgres", folder);
        var data = Path.Combine(folder, "data");
        await Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--pwfile=" + Path.Combine(folder, "pwfile"),
            "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        var port = FreePort();
        await Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200", "start");
        return new ThrowawayPostgres(bin, folder, $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Run("runuser", "-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
