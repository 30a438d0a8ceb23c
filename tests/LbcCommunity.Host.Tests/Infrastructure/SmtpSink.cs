using System.Diagnostics;
using System.Text;
using MimeKit;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port of its own: Debian's aiosmtpd (package <c>python3-aiosmtpd</c>) running
/// tests/smtp-sink/sink.py, which saves every message it accepts to a folder; the tests read them back with MimeKit.
/// It refuses the recipients a test lists (<see cref="Refuse"/>) with a 450, as a server that is having trouble would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string ListeningPrefix = "LISTENING ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TemporaryFolder _folder;
    private readonly StringBuilder _log;

    private SmtpSink(Process process, TemporaryFolder folder, StringBuilder log, int port)
    {
        _process = process;
        _folder = folder;
        _log = log;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The host settings that send mail here (plain SMTP on loopback).</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:From"] = "digest@lbc.test",
        ["Mail:Smtp:Security"] = "None",
    };

    public static async Task<SmtpSink> StartAsync()
    {
        // Debian's interpreter, which the package installs into; a python3 earlier on PATH (pyenv, a venv) would not have it.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var folder = new TemporaryFolder();
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(NodePackages.TestsFolder("smtp-sink"), "sink.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--folder");
        start.ArgumentList.Add(folder.Path);

        var log = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The SMTP sink stopped: {log}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            folder.Dispose();
            throw new InvalidOperationException($"The SMTP sink (aiosmtpd: apt-get install python3-aiosmtpd) did not start: {log}", e);
        }

        return new SmtpSink(process, folder, log, port);
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        if (!Directory.Exists(_folder.Path))
        {
            return [];
        }

        return [.. Directory.GetFiles(_folder.Path, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))];
    }

    /// <summary>The messages received for <paramref name="email"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string email) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Polls until <paramref name="email"/> has received at least <paramref name="count"/> messages (at most 30 s).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesTo(string email, int count = 1)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var messages = MessagesTo(email);
            if (messages.Count >= count || DateTime.UtcNow > until)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>From now on the server refuses <paramref name="email"/> at RCPT TO (450), until <see cref="Accept"/>.</summary>
    public void Refuse(string email)
    {
        lock (_log)
        {
            File.AppendAllLines(Path.Combine(_folder.Path, "refuse.txt"), [email]);
        }
    }

    public void Accept(string email)
    {
        lock (_log)
        {
            var list = Path.Combine(_folder.Path, "refuse.txt");
            File.WriteAllLines(list, File.ReadAllLines(list).Where(line => !string.Equals(line, email, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(stopped.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            _folder.Dispose();
        }
    }
}
