using System.Diagnostics;

namespace LbcCommunity.Deploy.Tests.Infrastructure;

/// <summary>What a command-line tool printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Errors}";
}

/// <summary>
/// Runs the command-line tools the deploy checks rest on (go, yamllint, bicep) with a deadline, so that a hung tool
/// fails its test instead of the run.
/// </summary>
internal static class Tool
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(5);

    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? deadlineAfter = null)
    {
        var limit = deadlineAfter ?? DefaultDeadline;
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within {limit}.");
        }

        return new ToolResult(process.ExitCode, await output, await errors);
    }
}
