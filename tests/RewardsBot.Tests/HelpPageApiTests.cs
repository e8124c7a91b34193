using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RewardsBot.Rewards.Demo;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// The help page's server side over real HTTP: the demo identities, and Direct Line tokens from Azure's Direct Line
/// (a loopback stand-in) asked with the secret, which never reaches the page. The host's own Direct Line and the page
/// in a browser are tested in RewardsBot.BrowserTests.
/// </summary>
public sealed class HelpPageApiTests : IAsyncLifetime
{
    private const string Secret = "azure-direct-line-secret-marker-7f3a9c";
    private readonly TempFolder _folder = new();
    private LoopbackAzureDirectLine _directLine = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _directLine = await LoopbackAzureDirectLine.StartAsync();
        _host = await BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["HelpPage:DirectLine:Domain"] = _directLine.Domain.AbsoluteUri,
            ["HelpPage:DirectLine:Secret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _directLine.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonObject Body, string Raw)> PostTokenAsync(object body)
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/helppage/token", body);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(raw)!.AsObject(), raw);
    }

    [Fact]
    public async Task The_picker_gets_every_demo_identity_with_its_name_company_and_what_it_shows()
    {
        var identities = await _host.Client.GetFromJsonAsync<JsonArray>("/api/helppage/identities");

        Assert.Equal(DemoData.Identities.Select(i => i.Id), identities!.Select(i => i!["id"]!.GetValue<string>()));
        var grace = identities!.Single(i => i!["id"]!.GetValue<string>() == "demo-grace")!;
        Assert.Equal(("Grace Okafor", "Northwind Apps"), (grace["name"]!.GetValue<string>(), grace["company"]!.GetValue<string>()));
        Assert.Equal(DemoData.Identities.Single(i => i.Id == "demo-grace").Shows, grace["shows"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_azure_token_is_asked_with_the_secret_for_a_dl_user_id_and_the_page_gets_the_token_but_never_the_secret()
    {
        var (status, body, raw) = await PostTokenAsync(new { identity = "demo-grace" });

        Assert.Equal(HttpStatusCode.OK, status);
        var call = Assert.Single(_directLine.Calls);
        Assert.Equal(("POST", "/v3/directline/tokens/generate", "Bearer " + Secret), (call.Method, call.Path, call.Authorization));
        var user = JsonNode.Parse(call.Body)!["user"]!;
        Assert.Equal(("dl_demo-grace", "Grace Okafor"), (user["id"]!.GetValue<string>(), user["name"]!.GetValue<string>()));
        var conversationId = body["conversationId"]!.GetValue<string>();
        Assert.Equal("az-token-" + conversationId, body["token"]!.GetValue<string>());
        Assert.Equal(_directLine.Domain.AbsoluteUri, body["domain"]!.GetValue<string>());
        Assert.Equal(3600, body["expiresIn"]!.GetValue<int>());
        Assert.False(body["resumed"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body["resume"]!.GetValue<string>()));
        Assert.DoesNotContain(Secret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("az-token-", _host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_choice_the_token_is_for_the_first_demo_identity()
    {
        var (status, _, _) = await PostTokenAsync(new { });

        Assert.Equal(HttpStatusCode.OK, status);
        var user = JsonNode.Parse(Assert.Single(_directLine.Calls).Body)!["user"]!;
        Assert.Equal("dl_" + DemoData.Identities[0].Id, user["id"]!.GetValue<string>());
        Assert.Equal("demo-ana", DemoData.Identities[0].Id);
    }

    [Fact]
    public async Task A_page_refresh_with_its_resume_ticket_gets_a_fresh_token_for_the_same_conversation()
    {
        var (_, first, _) = await PostTokenAsync(new { identity = "demo-ana" });
        var conversationId = first["conversationId"]!.GetValue<string>();

        var (status, again, _) = await PostTokenAsync(new { identity = "demo-ana", conversationId, resume = first["resume"]!.GetValue<string>() });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(again["resumed"]!.GetValue<bool>());
        Assert.Equal(conversationId, again["conversationId"]!.GetValue<string>());
        Assert.Equal("az-fresh-token-" + conversationId, again["token"]!.GetValue<string>());
        var reconnect = _directLine.Calls.Last();
        Assert.Equal(("GET", "/v3/directline/conversations/" + conversationId, "Bearer " + Secret), (reconnect.Method, reconnect.Path, reconnect.Authorization));
    }

    [Theory]
    [InlineData("no ticket")]
    [InlineData("forged ticket")]
    [InlineData("another identity's ticket")]
    [InlineData("another conversation's ticket")]
    public async Task A_conversation_the_page_cannot_prove_it_started_for_this_identity_is_not_resumed(string ticketCase)
    {
        var (_, ana, _) = await PostTokenAsync(new { identity = "demo-ana" });
        var (_, other, _) = await PostTokenAsync(new { identity = "demo-ana" });
        var (_, kenji, _) = await PostTokenAsync(new { identity = "demo-kenji" });
        var conversationId = ana["conversationId"]!.GetValue<string>();
        var ticket = ticketCase switch
        {
            "no ticket" => null,
            "forged ticket" => "CfDJ8-not-a-ticket",
            "another identity's ticket" => kenji["resume"]!.GetValue<string>(),
            _ => other["resume"]!.GetValue<string>(),
        };
        var calls = _directLine.Calls.Count;

        var (status, body, _) = await PostTokenAsync(new { identity = "demo-ana", conversationId, resume = ticket });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body["resumed"]!.GetValue<bool>());
        Assert.NotEqual(conversationId, body["conversationId"]!.GetValue<string>());
        Assert.Equal("POST", Assert.Single(_directLine.Calls.Skip(calls)).Method);
    }

    [Fact]
    public async Task A_conversation_Direct_Line_no_longer_knows_is_replaced_by_a_new_one()
    {
        var (_, first, _) = await PostTokenAsync(new { identity = "demo-ana" });
        _directLine.ReconnectStatus = StatusCodes.Status404NotFound;

        var (status, body, _) = await PostTokenAsync(new { identity = "demo-ana", conversationId = first["conversationId"]!.GetValue<string>(), resume = first["resume"]!.GetValue<string>() });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body["resumed"]!.GetValue<bool>());
        Assert.Equal(["POST", "GET", "POST"], _directLine.Calls.Select(c => c.Method));
    }

    [Theory]
    [InlineData("text/plain", "{\"identity\":\"demo-ana\"}", 415)]
    [InlineData("application/json", "{\"identity\":", 400)]
    [InlineData("application/json", "{\"identity\":42}", 400)]
    [InlineData("application/json", "[1,2]", 400)]
    [InlineData("application/json", "{\"identity\":\"demo-nobody\"}", 400)]
    public async Task A_bad_request_gets_a_problem_saying_what_is_wrong(string contentType, string body, int expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await _host.Client.PostAsync("/api/helppage/token", content);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        if (body.Contains("demo-nobody", StringComparison.Ordinal))
        {
            Assert.Contains("demo-ana", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(_directLine.Calls);
    }

    [Fact]
    public async Task A_request_body_over_4_KB_gets_413()
    {
        using var content = new StringContent("{\"identity\":\"" + new string('a', 5000) + "\"}", Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/api/helppage/token", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Direct_Line_refusing_the_secret_gets_502_and_the_log_says_which_setting_to_check_without_the_secret()
    {
        _directLine.GenerateStatus = StatusCodes.Status401Unauthorized;

        var (status, body, raw) = await PostTokenAsync(new { identity = "demo-ana" });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("No chat token", body["title"]!.GetValue<string>());
        Assert.Contains("Direct Line secret", _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, raw + _host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_hosts_own_Direct_Line_turned_off_the_token_endpoint_answers_503_and_the_log_names_the_setting()
    {
        using var folder = new TempFolder();
        await using var host = await BotHost.StartAsync(folder, new Dictionary<string, string?> { ["DirectLine:Enabled"] = "false" });

        using var response = await host.Client.PostAsJsonAsync("/api/helppage/token", new { identity = "demo-ana" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("DirectLine:Enabled", host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("DirectLine:Enabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://directline.botframework.com/v3/directline", null, null, "HelpPage:DirectLine:Secret")]
    [InlineData(null, "a-secret", null, "only used with HelpPage:DirectLine:Domain")]
    [InlineData("http://directline.example.com/v3/directline", "a-secret", null, "HelpPage:DirectLine:Domain")]
    [InlineData("directline.botframework.com", "a-secret", null, "HelpPage:DirectLine:Domain")]
    [InlineData("https://directline.botframework.com/v3/directline", "a-secret", "/tokens/generate", "HelpPage:DirectLine:TokenEndpoint")]
    public async Task Help_page_settings_that_do_not_fit_stop_the_host_naming_the_setting(string? domain, string? secret, string? tokenEndpoint, string named)
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["HelpPage:DirectLine:Domain"] = domain,
            ["HelpPage:DirectLine:Secret"] = secret,
            ["HelpPage:DirectLine:TokenEndpoint"] = tokenEndpoint,
        }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
