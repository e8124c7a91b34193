using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RewardsBot.Bench.Wire;

namespace RewardsBot.Bench.Run;

/// <summary>
/// Cold start: from just before the published host's process is spawned to the first 200 with a reply to a
/// conversationUpdate (expectReplies), polling every 2 ms until the port accepts. N runs on a fresh database each
/// time, then N on one existing database (created and filled by a first, unrecorded start).
/// </summary>
internal static class ColdStart
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string hostDll, int runs, CancellationToken cancellationToken)
    {
        if (!File.Exists(hostDll))
        {
            await Console.Error.WriteLineAsync($"No published host at '{hostDll}': run 'dotnet publish src/RewardsBot -c Release -o <folder>' and pass <folder>/RewardsBot.dll.");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("rewardsbot-coldstart-");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start of {Path.GetFileName(hostDll)}: process spawn → first 200 with a reply, {runs} runs each, {Environment.ProcessorCount} cores"));
            var fresh = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                fresh.Add(await MeasureAsync(hostDll, Path.Combine(folder.FullName, $"fresh-{run}.db"), cancellationToken));
            }

            Print("fresh database", fresh);

            var existing = Path.Combine(folder.FullName, "existing.db");
            await MeasureAsync(hostDll, existing, cancellationToken); // creates the schema and the demo data
            var again = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                again.Add(await MeasureAsync(hostDll, existing, cancellationToken));
            }

            Print("existing database", again);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void Print(string label, List<double> milliseconds)
    {
        var times = string.Join("  ", milliseconds.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)));
        var median = milliseconds.Order().ElementAt(milliseconds.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-18} ms: {times}   median {median:F0} ms"));
    }

    private static async Task<double> MeasureAsync(string hostDll, string databasePath, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(hostDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DirectLine__Enabled"] = "false",
                ["ConnectionStrings__RewardsBot"] = "Data Source=" + databasePath,
            },
        };

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = GiveUpAfter };
        byte[] body;
        using (var request = new RequestBody())
        {
            EmulatorShape.WriteConversationUpdate(request.Start(), new ConversationAddress(Guid.NewGuid().ToString("N"), "demo-ana"));
            body = request.Written.ToArray();
        }

        var spawned = Stopwatch.GetTimestamp();
        using var host = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start; is the .NET SDK on the PATH?");
        host.BeginOutputReadLine(); // drained and dropped
        host.BeginErrorReadLine();
        try
        {
            while (Stopwatch.GetElapsedTime(spawned) < GiveUpAfter)
            {
                if (host.HasExited)
                {
                    throw new InvalidOperationException($"The host exited with code {host.ExitCode} before replying; run it by hand to see why.");
                }

                if (await RepliesAsync(http, body, cancellationToken))
                {
                    return Stopwatch.GetElapsedTime(spawned).TotalMilliseconds;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }

            throw new TimeoutException($"The host did not reply within {GiveUpAfter.TotalSeconds} s.");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>One try: whether the host answered 200 with at least one reply.</summary>
    private static async Task<bool> RepliesAsync(HttpClient http, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return document.RootElement.TryGetProperty("activities", out var activities) && activities.GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
