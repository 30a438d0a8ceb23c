using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LbcCommunity.Bench;

/// <summary>
/// The authorization server's cost: tokens a second from the token endpoint (client credentials; guests' join-code
/// exchange), and what validating a token costs an API call (<c>GET /api/me</c> with a token against
/// <c>GET /health/live</c> without one, the baseline measured in the same run), plus the cost of decrypting and
/// validating one access token in this process with the server's keys.
/// </summary>
internal static class TokenBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Argument(args, "--seconds", 15);
        var concurrency = Argument(args, "--concurrency", 16);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-tokens-");
        var data = Path.Combine(work.FullName, "data");
        await using var product = await HostProcess.StartAsync(root, new Dictionary<string, string> { ["Storage:DataFolder"] = data }, Path.Combine(work.FullName, "host.log"));
        var baseAddress = product.BaseAddress;

        using (var asOperator = BenchSignIn.ClientWith(baseAddress, await BenchSignIn.OperatorToken(baseAddress)))
        {
            (await asOperator.PostAsJsonAsync("/api/tenants", new { id = "bench", name = "Benchmark state agency", stateCode = "GA" })).EnsureSuccessStatusCode();
        }

        var adminToken = await BenchSignIn.StateAdminToken(baseAddress, "bench");
        using (var asAdmin = BenchSignIn.ClientWith(baseAddress, adminToken))
        {
            // A team and a convening of it, so guests have something to join.
            foreach (var (path, body) in new (string, object)[]
            {
                ("/api/tenants/bench/regions", new { id = "west", name = "West" }),
                ("/api/tenants/bench/districts", new { id = "meriwether", name = "Meriwether County", regionId = "west" }),
                ("/api/tenants/bench/initiatives", new { id = "graduatefirst", name = "GraduateFIRST" }),
                ("/api/tenants/bench/initiatives/graduatefirst/teams", new { id = "cafe", name = "CAFÉ", districtId = "meriwether" }),
                ("/api/tenants/bench/convenings", new { id = "day", title = "Learning day", ownerKind = "Initiative", ownerId = "graduatefirst", agenda = new[] { new { kind = "ConsensusBuilding", title = "Agree" } } }),
            })
            {
                (await asAdmin.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
            }
        }

        var joinCode = await BenchSignIn.IssueJoinCode(baseAddress, adminToken, "bench", "day");

        var (clientId, secret) = await BenchSignIn.CreateIntegration(baseAddress, adminToken, "bench");
        using var http = new HttpClient { BaseAddress = baseAddress };
        var integrationToken = await BenchSignIn.ClientCredentialsAsync(http, clientId, secret);

        Console.WriteLine($"Token benchmark: {concurrency} concurrent callers, {seconds} s per scenario");
        var rows = new List<Row>
        {
            await Measure("token endpoint: client credentials", seconds, concurrency, product, () => BenchSignIn.ClientCredentialsAsync(http, clientId, secret)),
            await Measure("token endpoint: guest join code", seconds, concurrency, product, () => BenchSignIn.GuestTokenAsync(http, joinCode, "A family member")),
            await Measure("baseline: GET /health/live, no token", seconds, concurrency, product, () => Get(http, "/health/live", null)),
            await Measure("GET /api/me with a token (validation)", seconds, concurrency, product, () => Get(http, "/api/me", integrationToken)),
        };
        var validation = MeasureInProcessValidation(integrationToken, Path.Combine(data, "keys"), baseAddress);

        Console.WriteLine();
        Console.WriteLine("| scenario | requests/s | p50 ms | p99 ms | failed | host CPU (cores) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.PerSecond:N0} | {row.P50:F1} | {row.P99:F1} | {row.Failed} | {row.HostCores:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"In-process: validate one access token (RS256 signature, issuer, audience, type, lifetime): {validation.MicrosecondsPerToken:F1} µs ({validation.TokensPerSecond:N0}/s on one thread)."));
        var perCall = rows[3].P50 - rows[2].P50;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A token-carrying API call costs {perCall:F2} ms more at p50 than the unauthenticated baseline (validation, access rule, grain-free /api/me)."));

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"tokens-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { concurrency, seconds, rows, validation }, Indented));
        Console.WriteLine($"Results: {file}");
        return rows.Any(r => r.Failed > 0) ? 1 : 0;
    }

    private sealed record Row(string Name, double PerSecond, double P50, double P99, int Failed, double HostCores);

    private sealed record Validation(double MicrosecondsPerToken, double TokensPerSecond);

    private static async Task<Row> Measure(string name, int seconds, int concurrency, HostProcess product, Func<Task> call)
    {
        // A short warm-up so JIT and connection set-up are not in the figures.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await call();
            }
        }));

        var latencies = new List<double>();
        var failed = 0;
        var cpuBefore = product.CpuTime;
        var started = Stopwatch.GetTimestamp();
        var until = started + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var begun = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    mine.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        latencies.Sort();
        var cores = (product.CpuTime - cpuBefore).TotalSeconds / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {latencies.Count / elapsed.TotalSeconds:N0}/s"));
        return new Row(name, latencies.Count / elapsed.TotalSeconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), failed, cores);
    }

    private static async Task Get(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>What one validation costs, with the server's own keys (read from the embedded host's key folder).</summary>
    private static Validation MeasureInProcessValidation(string token, string keyFolder, Uri issuer)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.ToString(),
            ValidAudience = "lbc-api",
            ValidTypes = ["at+jwt"],
            IssuerSigningKey = Key(Path.Combine(keyFolder, "signing-key.pem")),
            TokenDecryptionKey = Key(Path.Combine(keyFolder, "encryption-key.pem")),
        };
        var handler = new JsonWebTokenHandler();
        var check = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
        if (!check.IsValid)
        {
            throw new InvalidOperationException("The benchmark's own validation of the server's token failed: " + check.Exception?.Message);
        }

        const int Count = 2000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Count; i++)
        {
            _ = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Validation(elapsed.TotalMicroseconds / Count, Count / elapsed.TotalSeconds);
    }

    private static RsaSecurityKey Key(string pemPath)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pemPath));
        return new RsaSecurityKey(rsa);
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
