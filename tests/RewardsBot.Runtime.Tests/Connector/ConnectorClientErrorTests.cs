using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Connector;

namespace RewardsBot.Runtime.Tests.Connector;

public sealed class ConnectorClientErrorTests
{
    private static readonly ScriptedResponse Ok = ScriptedResponse.Json(200, """{"id":"1:sent"}""");

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(500, "InternalServerError")]
    [InlineData(501, "NotImplemented")]
    public async Task Non_retryable_statuses_fail_at_once_with_the_status_and_parsed_error_code(int status, string code)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(status, code), Ok));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync());

        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Contains("SendToConversation", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"HTTP {status}", exception.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests);
        Assert.Empty(harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task An_error_body_that_is_not_json_still_reports_the_status()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(new ScriptedResponse(500, "<html>oops</html>")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync());

        Assert.Equal(500, exception.StatusCode);
        Assert.Null(exception.ErrorCode);
    }

    [Fact]
    public async Task Unauthorized_then_ok_refreshes_the_token_once_and_succeeds()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(401, "Unauthorized"), Ok));

        var response = await harness.SendAsync();

        Assert.Equal("1:sent", response.Id);
        Assert.Equal([false, true], harness.Tokens.Calls);
        var requests = harness.Server.Requests;
        Assert.Equal("Bearer token-1", requests[0].Header("Authorization"));
        Assert.Equal("Bearer token-2", requests[1].Header("Authorization"));
        Assert.Empty(harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task Unauthorized_twice_fails_after_one_refresh_and_says_to_check_the_credentials()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(401, "Unauthorized")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync());

        Assert.Equal(401, exception.StatusCode);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal([false, true], harness.Tokens.Calls);
        Assert.Contains("MicrosoftAppPassword", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_are_logged_with_status_code_attempt_and_operation_id_but_not_text_token_or_ids()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(
            ScriptedResponse.Error(503, "ServiceUnavailable", ("X-Correlating-OperationId", "op-1")),
            ScriptedResponse.Error(404, "ConversationNotFound", ("X-Correlating-OperationId", "op-2"))));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync(ConnectorHarness.Message("my card number 4111")));

        var entries = harness.Logger.Entries;
        Assert.Equal(2, entries.Count);
        AssertLogged(entries[0], LogLevel.Warning, 503, "ServiceUnavailable", attempt: 1, "op-1");
        AssertLogged(entries[1], LogLevel.Error, 404, "ConversationNotFound", attempt: 2, "op-2");
        var everything = string.Join("\n", entries.Select(e => e.Message + string.Join(",", e.Values.Values))) + exception.Message;
        Assert.DoesNotContain("4111", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorHarness.EncodedConversationId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorHarness.ConversationId, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_a_message_that_names_the_setting()
    {
        using var httpClient = new HttpClient();
        var options = Options.Create(new ConnectorClientOptions { MaxRetries = -1, BaseDelay = TimeSpan.Zero });

        var exception = Assert.Throws<OptionsValidationException>(() => new ConnectorClient(
            httpClient, new FakeTokenProvider(null), options, TimeProvider.System, new RecordingLogger<ConnectorClient>()));

        Assert.Contains("Connector:MaxRetries", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Connector:BaseDelay", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertLogged(LogEntry entry, LogLevel level, int status, string code, int attempt, string operationId)
    {
        Assert.Equal(level, entry.Level);
        Assert.Equal("SendToConversation", entry.Values["Operation"]);
        Assert.Equal(status, (int)(System.Net.HttpStatusCode)entry.Values["StatusCode"]!);
        Assert.Equal(code, entry.Values["ErrorCode"]);
        Assert.Equal(attempt, entry.Values["Attempt"]);
        Assert.Equal(operationId, entry.Values["CorrelatingOperationId"]);
    }
}
