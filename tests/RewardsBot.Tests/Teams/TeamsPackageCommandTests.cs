using System.IO.Compression;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Testing.Schemas;
using RewardsBot.Teams;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Teams;

/// <summary>
/// <c>teams-package</c>, called in-process and run as the built host (<c>dotnet RewardsBot.dll teams-package …</c>):
/// it writes the package, explains wrong arguments and unwritable paths with its exit codes, and never starts the
/// web host.
/// </summary>
public sealed class TeamsPackageCommandTests : IDisposable
{
    private const string AppId = "6e0f4a9b-6a3c-4f8b-9a3e-2b7f1f7c0002";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = TeamsPackageCommand.Run(arguments, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static JsonNode ManifestIn(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return JsonNode.Parse(zip.GetEntry(TeamsAppPackage.ManifestFile)!.Open())!;
    }

    [Fact]
    public void In_process_it_writes_the_package_for_the_app_id_and_says_where()
    {
        var path = _folder.File("out/rewardsbot-teams.zip"); // the folder does not exist yet

        var (exitCode, output, error) = Run("--app-id", AppId, "--out", path, "--version", "1.2.3");

        Assert.Equal(TeamsPackageCommand.Succeeded, exitCode);
        Assert.Equal("", error);
        Assert.Contains(path, output, StringComparison.Ordinal);
        var manifest = ManifestIn(path);
        Assert.True(new TeamsManifestValidator().Validate(manifest).IsValid);
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
    }

    [Fact]
    public void An_upper_case_app_id_and_the_equals_form_are_accepted()
    {
        var path = _folder.File("upper.zip");

        var (exitCode, _, _) = Run("--app-id=" + AppId.ToUpperInvariant(), "--out=" + path, "--valid-domain", "bot.contoso.example", "--valid-domain", "help.contoso.example");

        Assert.Equal(TeamsPackageCommand.Succeeded, exitCode);
        var manifest = ManifestIn(path);
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(["bot.contoso.example", "help.contoso.example"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("6e0f4a9b6a3c4f8b9a3e2b7f1f7c0002")]
    [InlineData("{6e0f4a9b-6a3c-4f8b-9a3e-2b7f1f7c0002}")]
    public void An_app_id_that_is_not_a_guid_is_refused_without_repeating_it(string appId)
    {
        var path = _folder.File("bad.zip");

        var (exitCode, output, error) = Run("--app-id", appId, "--out", path);

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Equal("", output);
        Assert.Contains("--app-id must be the Microsoft App ID of your Azure Bot, a GUID", error, StringComparison.Ordinal);
        Assert.DoesNotContain(appId, error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_missing_app_id_says_where_to_find_it()
    {
        var (exitCode, _, error) = Run("--out", _folder.File("x.zip"));

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Contains("--app-id is required: the Microsoft App ID of your Azure Bot (MicrosoftAppId)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_and_missing_values_are_named_together()
    {
        var (exitCode, _, error) = Run("--app-id", AppId, "--colour", "red", "--version", "1.0", "--developer-url", "http://contoso.example", "--name");

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Contains("Unknown option --colour.", error, StringComparison.Ordinal);
        Assert.Contains("--name needs a value.", error, StringComparison.Ordinal);
        Assert.Contains("Run 'teams-package --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_that_would_make_an_invalid_manifest_are_refused()
    {
        var (exitCode, _, error) = Run("--app-id", AppId, "--version", "1.0", "--developer-url", "http://contoso.example", "--out", _folder.File("x.zip"));

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Contains("--developer-url must be an absolute https:// URL.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("x.zip")));

        (exitCode, _, error) = Run("--app-id", AppId, "--version", "1.0", "--out", _folder.File("x.zip"));

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Contains("The version '1.0' is not of the form major.minor.patch", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_that_is_a_folder_is_refused()
    {
        var (exitCode, output, error) = Run("--app-id", AppId, "--out", _folder.Path);

        Assert.Equal(TeamsPackageCommand.CouldNotWrite, exitCode);
        Assert.Equal("", output);
        Assert.Contains("is a folder; give the package a file name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_under_a_file_cannot_be_written_and_says_so()
    {
        File.WriteAllText(_folder.File("plain-file"), "not a folder");

        var (exitCode, _, error) = Run("--app-id", AppId, "--out", _folder.File("plain-file/rewardsbot-teams.zip"));

        Assert.Equal(TeamsPackageCommand.CouldNotWrite, exitCode);
        Assert.Contains("cannot write", error, StringComparison.Ordinal);
        Assert.Contains("Choose a file in a folder you can write to with --out.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option_and_the_exit_codes()
    {
        var (exitCode, output, _) = Run("--help");

        Assert.Equal(TeamsPackageCommand.Succeeded, exitCode);
        foreach (var option in new[] { "--app-id", "--out", "--version", "--name", "--developer-name", "--developer-url", "--privacy-url", "--terms-url", "--valid-domain" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 written, 1 the file could not be written, 2 the arguments are wrong.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_command_lines_start_the_host()
    {
        Assert.False(TeamsPackageCommand.TryRun([], out _));
        Assert.False(TeamsPackageCommand.TryRun(["--urls", "http://localhost:3978"], out _));
    }

    [Fact]
    public async Task The_built_host_writes_the_package_and_exits()
    {
        var path = _folder.File("from-process.zip");

        var (exitCode, output, error) = await RunHostAsync(TeamsPackageCommand.Name, "--app-id", AppId, "--out", path);

        Assert.True(exitCode == TeamsPackageCommand.Succeeded, $"exit code {exitCode}\n{output}\n{error}");
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Equal(AppId, ManifestIn(path)["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_built_host_given_a_bad_app_id_exits_with_2_and_the_reason()
    {
        var (exitCode, output, error) = await RunHostAsync(TeamsPackageCommand.Name, "--app-id", "12345", "--out", _folder.File("never.zip"));

        Assert.Equal(TeamsPackageCommand.InvalidArguments, exitCode);
        Assert.Contains("--app-id must be the Microsoft App ID of your Azure Bot, a GUID", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("never.zip")));
    }

    /// <summary>Runs the host built next to this test assembly (<c>RewardsBot.dll</c>) with the dotnet that runs the tests.</summary>
    private Task<(int ExitCode, string Output, string Error)> RunHostAsync(params string[] arguments)
        => HostProcess.RunToExitAsync(_folder.Path, arguments);
}
