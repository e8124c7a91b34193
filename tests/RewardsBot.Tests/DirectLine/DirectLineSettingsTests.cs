using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RewardsBot.DirectLine;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>The DirectLine settings: documented, the secret required outside Development, and Direct Line can be off.</summary>
public sealed partial class DirectLineSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_direct_line_setting_is_in_the_sample_settings()
    {
        var documented = Assert.IsType<JsonObject>(Sample()[DirectLineOptions.SectionName]);
        var settings = typeof(DirectLineOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, name => Assert.True(documented.ContainsKey(name), $"appsettings.sample.json has no 'DirectLine:{name}'."));
    }

    [Fact]
    public async Task Outside_development_the_host_does_not_start_without_a_secret()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["DirectLine:Secret"] = "" }));

        Assert.Contains("DirectLine:Secret is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_secret_stops_the_host_with_a_message_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["DirectLine:Secret"] = "short" }));

        Assert.Contains("DirectLine:Secret must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_a_missing_secret_is_generated_and_only_its_existence_is_logged()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["DirectLine:Secret"] = "" }, environment: "Development");
        var client = new DirectLineClient(host);

        var grant = await host.Services.GetRequiredService<DirectLineTokenIssuer>().IssueAsync("demo-ana", null, CancellationToken.None);
        var (status, _) = await client.StartAsync(grant.Token);
        using var withTestSecret = await client.SendAsync(HttpMethod.Post, "/tokens/generate", BotHost.DirectLineSecret, """{"user":{"id":"demo-ana"}}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.Unauthorized, withTestSecret.StatusCode);
        var notice = Assert.Single(host.Logs.Lines, line => line.Contains("random Direct Line secret was generated", StringComparison.Ordinal));
        Assert.DoesNotMatch(LongToken(), notice);
    }

    [Fact]
    public async Task Disabled_direct_line_needs_no_secret_and_answers_404_not_enabled()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["DirectLine:Enabled"] = "false", ["DirectLine:Secret"] = "" });
        var client = new DirectLineClient(host);

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/generate", "anything", """{"user":{"id":"demo-ana"}}""");

        Assert.Equal("NotEnabled", await DirectLineClient.ErrorCodeAsync(response, HttpStatusCode.NotFound));
        Assert.False(host.Services.GetRequiredService<DirectLineTokenIssuer>().IsEnabled);
    }

    [GeneratedRegex("[A-Za-z0-9_-]{32,}")]
    private static partial Regex LongToken();

    private static JsonObject Sample()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "appsettings.sample.json");
            if (File.Exists(file))
            {
                return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            }
        }

        throw new FileNotFoundException("appsettings.sample.json was not found above the test binaries.");
    }
}
