using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// The built host (<c>RewardsBot.dll</c> next to the test assembly) run as a child process with the dotnet that runs
/// the tests: either a command run to its exit (<see cref="RunToExitAsync"/>), or the web host on a loopback port of
/// its own choosing (<see cref="StartAsync"/>) that a test can kill like a crash (SIGKILL on Linux) and start again
/// on the same folder.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Where the host listens (<c>http://127.0.0.1:port</c>).</summary>
    public Uri Address { get; }

    /// <summary>A client for <see cref="Address"/>; a killed host makes its requests fail.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the process wrote on stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The SQLite connection string of the database file the test host uses in <paramref name="folder"/>.</summary>
    public static string DatabaseFile(TempFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return System.IO.Path.Combine(folder.Path, "data", "bot.db");
    }

    /// <summary>
    /// Starts the web host in <paramref name="folder"/> (its content root, with the SQLite file at
    /// <see cref="DatabaseFile"/>), authentication off, and waits until it listens.
    /// </summary>
    public static async Task<HostProcess> StartAsync(TempFolder folder, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var start = StartInfo(folder.Path, ["--urls", "http://127.0.0.1:0"]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__RewardsBot"] = "Data Source=" + DatabaseFile(folder);
        start.Environment["DirectLine__Secret"] = BotHost.DirectLineSecret;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The host exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            return new HostProcess(process, output, address);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            KillAndWait(process);
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            process.Dispose();
            throw new InvalidOperationException("The host process did not start listening:\n" + text, ex);
        }
    }

    /// <summary>Runs the host with <paramref name="arguments"/> in <paramref name="workingDirectory"/> until it exits (a minute at most).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(string workingDirectory, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillAndWait(process);
            throw new TimeoutException("The host did not exit within a minute: it probably started the web host instead of the command.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Kills the process at once, like a crash (SIGKILL on Linux: no shutdown, no flush), and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            KillAndWait(_process);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var hostDll = System.IO.Path.Combine(AppContext.BaseDirectory, "RewardsBot.dll");
        Assert.True(File.Exists(hostDll), $"The host is not built next to the tests: {hostDll}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static void KillAndWait(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.WaitForExit(TimeSpan.FromMinutes(1));
    }

    /// <summary>The dotnet executable: the one the CLI names for child processes, else the one on the PATH.</summary>
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    [GeneratedRegex(@"Now listening on: (http://[0-9.:]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningOn();
}
