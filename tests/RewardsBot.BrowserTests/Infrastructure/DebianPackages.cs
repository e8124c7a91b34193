using System.Diagnostics;
using System.Text;

namespace RewardsBot.BrowserTests.Infrastructure;

/// <summary>
/// Installs what the browser tests need from Debian's packages when the machine lacks it, so that <c>dotnet test</c> on a
/// fresh machine is the whole set-up: chromium, and a font with the Traditional Chinese glyphs (the zh-TW pages). Runs
/// <c>apt-get</c> only when something is missing, and only as root on a system that has it; otherwise, or when the
/// install fails, the error says what to run and what apt-get printed.
/// </summary>
internal static class DebianPackages
{
    private const string AptGet = "/usr/bin/apt-get";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    /// <summary>The packages to install: chromium when its executable is missing, the font when no font lists it.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(string chromiumPath)
    {
        var missing = new List<string>();
        if (!File.Exists(chromiumPath))
        {
            missing.Add("chromium");
        }

        if (!await HasFontAsync("WenQuanYi Micro Hei"))
        {
            missing.Add("fonts-wqy-microhei");
        }

        return missing;
    }

    public static async Task InstallAsync(IReadOnlyList<string> packages)
    {
        if (packages.Count == 0)
        {
            return;
        }

        var command = $"apt-get update && apt-get install -y {string.Join(' ', packages)}";
        if (!File.Exists(AptGet) || !Environment.IsPrivilegedProcess)
        {
            if (!packages.Contains("chromium"))
            {
                // Only the font: the pages still work, the zh-TW screenshots show boxes for the glyphs.
                Console.Error.WriteLine($"Browser tests: {string.Join(", ", packages)} missing; the zh-TW screenshots will lack glyphs ({command}).");
                return;
            }

            throw new InvalidOperationException(
                $"The browser tests need {string.Join(" and ", packages)}, which this machine lacks, and the tests can install them only as root on a " +
                $"system with apt-get. Install them with: {command}");
        }

        Console.Error.WriteLine($"Browser tests: installing {string.Join(", ", packages)} ({command})");
        await RunAsync(["update", "-qq"]);
        await RunAsync(["install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", .. packages]);
    }

    private static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(AptGet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{AptGet} did not start.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            CollectAsync(process.StandardOutput, output),
            CollectAsync(process.StandardError, output));
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"apt-get {string.Join(' ', arguments)} did not finish within {Limit.TotalMinutes} minutes.");
        }

        await reading;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"apt-get {string.Join(' ', arguments)} failed (exit code {process.ExitCode}); its last lines:{Environment.NewLine}{Tail(output.ToString(), 20)}");
        }
    }

    private static async Task CollectAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }

    private static string Tail(string text, int lines)
        => string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));

    /// <summary>Whether fontconfig knows a font of that family; false when fontconfig itself is missing.</summary>
    private static async Task<bool> HasFontAsync(string family)
    {
        try
        {
            var start = new ProcessStartInfo("fc-list")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(family);
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            var listed = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 && listed.Contains(family, StringComparison.OrdinalIgnoreCase);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
