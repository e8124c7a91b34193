using RewardsBot.Dialogs.Content;

namespace RewardsBot.Teams;

/// <summary>
/// <c>RewardsBot teams-package --app-id &lt;guid&gt; [--out rewardsbot-teams.zip] [options]</c>: writes the Teams app
/// package to side-load or upload, then exits without starting the web host.
/// </summary>
public static class TeamsPackageCommand
{
    public const string Name = "teams-package";

    public const int Succeeded = 0;
    public const int CouldNotWrite = 1;
    public const int InvalidArguments = 2;

    /// <summary>
    /// Runs the command when <paramref name="args"/> starts with <c>teams-package</c> (writing to the console);
    /// otherwise returns false and the host starts as usual.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not [Name, ..])
        {
            exitCode = Succeeded;
            return false;
        }

        exitCode = Run(args[1..], Console.Out, Console.Error);
        return true;
    }

    /// <summary>Runs the command with the arguments after its name; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = TeamsPackageArguments.Parse(arguments);
        if (parsed.HelpRequested)
        {
            output.Write(Usage);
            return Succeeded;
        }

        if (parsed.Settings is not { } settings)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"{Name}: {problem}");
            }

            error.WriteLine($"Run '{Name} --help' for the options.");
            return InvalidArguments;
        }

        var package = new TeamsAppPackage(settings, BotTexts.Default).ToZip();
        var path = parsed.OutputPath;
        try
        {
            path = Path.GetFullPath(path);
            if (Directory.Exists(path))
            {
                error.WriteLine($"{Name}: '{path}' is a folder; give the package a file name, for example {Path.Combine(parsed.OutputPath, TeamsPackageArguments.DefaultOutputPath)}.");
                return CouldNotWrite;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, package);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"{Name}: cannot write '{path}': {e.Message} Choose a file in a folder you can write to with {TeamsPackageArguments.OutOption}.");
            return CouldNotWrite;
        }

        output.WriteLine($"Wrote {path}: Teams app {settings.ShortName} {settings.Version} for bot {settings.AppId:D} (manifest {TeamsAppPackage.ManifestVersion}).");
        output.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app.");
        return Succeeded;
    }

    private static string Usage => $"""
        Writes the Teams app package (manifest.json, color.png, outline.png and the fr / zh-TW localization files).

        Usage: dotnet run --project src/RewardsBot -- {Name} {TeamsPackageArguments.AppIdOption} <guid> [options]

          {TeamsPackageArguments.AppIdOption} <guid>          the Microsoft App ID of the Azure Bot (required)
          {TeamsPackageArguments.OutOption} <file>              where to write the zip (default {TeamsPackageArguments.DefaultOutputPath})
          {TeamsPackageArguments.VersionOption} <x.y.z>         the app's version; raise it for each new upload (default {TeamsPackageSettings.DefaultVersion})
          {TeamsPackageArguments.NameOption} <text>             the app's short name, at most 30 characters (default {TeamsPackageSettings.DefaultShortName})
          {TeamsPackageArguments.DeveloperNameOption} <text>   the developer shown in Teams (default {TeamsPackageSettings.DefaultDeveloperName})
          {TeamsPackageArguments.DeveloperUrlOption} <https>   the developer's website (default {TeamsPackageSettings.DefaultWebsiteUrl})
          {TeamsPackageArguments.PrivacyUrlOption} <https>     the privacy statement (default {TeamsPackageSettings.DefaultPrivacyUrl})
          {TeamsPackageArguments.TermsUrlOption} <https>       the terms of use (default {TeamsPackageSettings.DefaultTermsOfUseUrl})
          {TeamsPackageArguments.ValidDomainOption} <host>     a domain the app may open; repeat for more (default: the website's host)

        Exit codes: {Succeeded} written, {CouldNotWrite} the file could not be written, {InvalidArguments} the arguments are wrong.

        """;
}
