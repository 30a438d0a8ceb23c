using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LbcCommunity.Bench;

/// <summary>
/// The participants of one phase, spread over K child processes (<see cref="ConveningAgent"/>), and what they report:
/// for each event, when the last client of each process had it. An event has reached everyone once every process
/// says so; its slowest-client time is the latest of those moments.
/// </summary>
/// <remarks>
/// Timestamps are <see cref="Stopwatch.GetTimestamp"/> values from the children and from this process alike: on Linux
/// that is CLOCK_MONOTONIC, shared by all processes on the machine, so they compare without any offset.
/// </remarks>
internal sealed class LoadAgents : IAsyncDisposable
{
    private readonly List<Agent> _agents;
    private readonly ConcurrentDictionary<long, long> _sent = new();
    private readonly ConcurrentDictionary<long, (int Processes, long First, long Last)> _done = new();
    private int _votesAnswered;
    private int _votesFailed;

    private LoadAgents(List<Agent> agents)
    {
        _agents = agents;
        foreach (var agent in agents)
        {
            agent.Line += line => OnLine(line);
        }
    }

    public long Started { get; private set; }

    /// <summary>Starts <paramref name="processes"/> agents sharing <paramref name="participants"/> evenly, each connected and joined.</summary>
    public static async Task<LoadAgents> StartAsync(int processes, int participants, string logFolder, string phase, IReadOnlyList<string> arguments)
    {
        var agents = new List<Agent>();
        var first = 0;
        for (var k = 0; k < processes; k++)
        {
            var count = participants / processes + (k < participants % processes ? 1 : 0);
            if (count > 0)
            {
                agents.Add(Agent.Start(first, count, [.. arguments, "--first", first.ToString(CultureInfo.InvariantCulture), "--count", count.ToString(CultureInfo.InvariantCulture)], Path.Combine(logFolder, $"agent-{phase}-{k}.log")));
            }

            first += count;
        }

        var pool = new LoadAgents(agents);
        await Task.WhenAll(agents.Select(a => a.Ready));
        return pool;
    }

    /// <summary>Forgets every receipt (in the children too) and starts the clock for pacing.</summary>
    public async Task ResetAsync()
    {
        await Task.WhenAll(_agents.Select(a => a.Ask("reset", "ok")));
        _sent.Clear();
        _done.Clear();
        _votesAnswered = 0;
        _votesFailed = 0;
        Started = Stopwatch.GetTimestamp();
    }

    public void Sent(long sequence, long timestamp) => _sent[sequence] = timestamp;

    /// <summary>Participant <paramref name="participant"/> (0…N−1 over all processes) votes; its process reports the send.</summary>
    public void Vote(int participant, int level)
    {
        var agent = _agents.Last(a => a.First <= participant);
        agent.Tell(string.Create(CultureInfo.InvariantCulture, $"vote {participant - agent.First} {level}"));
    }

    /// <summary>Waits (at most 60 s) until every vote told has been answered; the number that failed.</summary>
    public async Task<int> VotesAnswered(int votes)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Volatile.Read(ref _votesAnswered) < votes && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        return Volatile.Read(ref _votesFailed) + (votes - Volatile.Read(ref _votesAnswered));
    }

    /// <summary>Waits (at most 60 s) until every process reports every sent event, then the slowest-client latencies.</summary>
    public async Task<ConveningBenchmark.Latency> Settle()
    {
        // Every process has reported the event: when the first and the last of all clients had it.
        (long First, long Last)? AtAll(long sequence) =>
            _done.TryGetValue(sequence, out var d) && d.Processes >= _agents.Count ? (d.First, d.Last) : null;

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline && _sent.Keys.Any(s => AtAll(s) is null))
        {
            await Task.Delay(100);
        }

        var incomplete = _sent.Keys.Where(s => AtAll(s) is null).Order().ToList();
        if (incomplete.Count > 0)
        {
            // Which ones, and how far the first got: a loss (a run of sequences no one has) reads differently from a lag.
            var reached = await Task.WhenAll(_agents.Select(a => a.Ask(string.Create(CultureInfo.InvariantCulture, $"count {incomplete[0]}"), "count ")));
            var clients = reached.Sum(r => int.Parse(r.Split(' ')[2], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {incomplete.Count} event(s) not at every client after 60 s: sequences {string.Join(", ", Ranges(incomplete).Take(10))}; the first reached {clients} clients"));
        }

        var inOrder = _sent.OrderBy(s => s.Value).Select(s => (Sent: s.Value, At: AtAll(s.Key))).ToList();
        // An event some process never completed counts as never delivered (infinite), so a loss shows in the p99.
        double Since(long sent, long? at) => at is { } t ? Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds : double.PositiveInfinity;
        // The first client's time is the server's own path (the action, the grain, the relay) before the fan-out.
        return ConveningBenchmark.Latency.Of(
            [.. inOrder.Select(e => Since(e.Sent, e.At?.Last))],
            [.. inOrder.Select(e => Since(e.Sent, e.At?.First))]);
    }

    private static IEnumerable<string> Ranges(List<long> sorted)
    {
        var start = 0;
        for (var i = 1; i <= sorted.Count; i++)
        {
            if (i == sorted.Count || sorted[i] != sorted[i - 1] + 1)
            {
                yield return i - 1 == start ? $"{sorted[start]}" : $"{sorted[start]}–{sorted[i - 1]}";
                start = i;
            }
        }
    }

    /// <summary>CPU seconds the children have used so far, summed.</summary>
    public async Task<double> CpuSeconds()
    {
        var answers = await Task.WhenAll(_agents.Select(a => a.Ask("cpu", "cpu ")));
        return answers.Sum(a => double.Parse(a["cpu ".Length..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
    }

    private void OnLine(string line)
    {
        var words = line.Split(' ');
        switch (words[0])
        {
            case "done":
                var sequence = long.Parse(words[1], CultureInfo.InvariantCulture);
                var at = long.Parse(words[2], CultureInfo.InvariantCulture);
                var first = long.Parse(words[3], CultureInfo.InvariantCulture);
                _done.AddOrUpdate(sequence, (1, first, at), (_, held) => (held.Processes + 1, Math.Min(held.First, first), Math.Max(held.Last, at)));
                break;
            case "sent":
                Sent(long.Parse(words[1], CultureInfo.InvariantCulture), long.Parse(words[2], CultureInfo.InvariantCulture));
                Interlocked.Increment(ref _votesAnswered);
                break;
            case "failed":
                Interlocked.Increment(ref _votesFailed);
                Interlocked.Increment(ref _votesAnswered);
                break;
        }
    }

    /// <summary>One child process and its line protocol.</summary>
    private sealed class Agent : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly StreamWriter _log;
        private readonly ConcurrentQueue<(string Prefix, TaskCompletionSource<string> Answer)> _questions = new();

        private Agent(Process process, int first, StreamWriter log)
        {
            _process = process;
            First = first;
            _log = log;
        }

        public event Action<string>? Line;

        public int First { get; }

        public Task Ready => _ready.Task;

        public static Agent Start(int first, int count, IReadOnlyList<string> arguments, string logFile)
        {
            var dll = typeof(Agent).Assembly.Location;
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(ConveningAgent.Command);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.StandardInput.AutoFlush = true;
            var agent = new Agent(process, first, new StreamWriter(logFile) { AutoFlush = true });
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (agent._log)
                    {
                        agent._log.WriteLine(e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
            _ = agent.ReadAsync(count);
            return agent;
        }

        public void Tell(string command)
        {
            lock (_process)
            {
                _process.StandardInput.WriteLine(command);
            }
        }

        /// <summary>Sends a command and waits for the line that answers it (the first starting with <paramref name="answerPrefix"/>).</summary>
        public Task<string> Ask(string command, string answerPrefix)
        {
            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _questions.Enqueue((answerPrefix, answer));
            Tell(command);
            return answer.Task;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                Tell("quit");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
            await _log.DisposeAsync();
        }

        private async Task ReadAsync(int count)
        {
            string? line;
            while ((line = await _process.StandardOutput.ReadLineAsync()) is not null)
            {
                if (line == "ready")
                {
                    _ready.TrySetResult();
                }
                else if (_questions.TryPeek(out var question) && line.StartsWith(question.Prefix, StringComparison.Ordinal))
                {
                    _questions.TryDequeue(out _);
                    question.Answer.TrySetResult(line);
                }
                else
                {
                    Line?.Invoke(line);
                }
            }

            _ready.TrySetException(new InvalidOperationException($"A load agent ({count} participants) exited before it was ready; see its log."));
        }
    }
}
