using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RewardsBot.Runtime.Connector;

namespace RewardsBot.Runtime.Tests.Connector;

public sealed class ConnectorClientRetryTests
{
    private static readonly ScriptedResponse Ok = ScriptedResponse.Json(200, """{"id":"1:sent"}""");

    [Fact]
    public async Task Throttled_429_waits_for_Retry_After_seconds_then_succeeds()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(
            ScriptedResponse.Error(429, "Throttled", ("Retry-After", "1")), Ok));

        var response = await harness.SendAsync();

        Assert.Equal("1:sent", response.Id);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task Throttled_429_with_an_http_date_waits_until_that_date()
    {
        var retryAt = ManualTimeProvider.Epoch.AddSeconds(5).ToString("r", CultureInfo.InvariantCulture);
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(
            ScriptedResponse.Error(429, "Throttled", ("Retry-After", retryAt)), Ok));

        await harness.SendAsync();

        Assert.Equal([TimeSpan.FromSeconds(5)], harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxRetryAfter_is_cut_to_MaxRetryAfter()
    {
        var options = new ConnectorClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(30) };
        await using var harness = new ConnectorHarness(
            LoopbackHttpServer.Start(ScriptedResponse.Error(429, "Throttled", ("Retry-After", "120")), Ok), options);

        await harness.SendAsync();

        Assert.Equal([TimeSpan.FromSeconds(30)], harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task Throttled_without_Retry_After_backs_off_exponentially_with_jitter()
    {
        var options = new ConnectorClientOptions { BaseDelay = TimeSpan.FromMilliseconds(500) };
        var throttled = ScriptedResponse.Error(429, "Throttled");
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(throttled, throttled, throttled, Ok), options);

        await harness.SendAsync();

        var delays = harness.Time.RequestedDelays;
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0].TotalMilliseconds, 250, 500);
        Assert.InRange(delays[1].TotalMilliseconds, 500, 1000);
        Assert.InRange(delays[2].TotalMilliseconds, 1000, 2000);
    }

    [Fact]
    public async Task Backoff_never_exceeds_MaxDelay()
    {
        var options = new ConnectorClientOptions { MaxRetries = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2) };
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(503, "ServiceUnavailable")), options);

        await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync());

        Assert.Equal(6, harness.Time.RequestedDelays.Count);
        Assert.All(harness.Time.RequestedDelays, delay => Assert.InRange(delay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)));
        Assert.InRange(harness.Time.RequestedDelays[^1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Service_unavailable_twice_then_ok_succeeds_on_the_third_request()
    {
        var unavailable = ScriptedResponse.Error(503, "ServiceUnavailable");
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(unavailable, unavailable, Ok));

        var response = await harness.SendAsync();

        Assert.Equal("1:sent", response.Id);
        Assert.Equal(3, harness.Server.Requests.Count);
        Assert.Equal(2, harness.Time.RequestedDelays.Count);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Other_transient_statuses_are_retried(int status)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(status, "Transient"), Ok));

        var response = await harness.SendAsync();

        Assert.Equal("1:sent", response.Id);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Service_unavailable_forever_fails_after_MaxRetries_plus_one_attempts(int maxRetries)
    {
        var options = new ConnectorClientOptions { MaxRetries = maxRetries };
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(503, "ServiceUnavailable")), options);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.SendAsync());

        Assert.Equal(503, exception.StatusCode);
        Assert.Equal("ServiceUnavailable", exception.ErrorCode);
        Assert.Equal(maxRetries + 1, harness.Server.Requests.Count);
        Assert.Equal(maxRetries, harness.Time.RequestedDelays.Count);
    }

    [Fact]
    public async Task Each_attempt_sends_a_complete_request_again()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Error(503, "ServiceUnavailable"), Ok));

        await harness.SendAsync();

        var requests = harness.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.NotEmpty(requests[0].Body);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].RawTarget, requests[1].RawTarget);
        Assert.Equal("Bearer token-1", requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Cancellation_during_backoff_stops_promptly_without_another_request()
    {
        await using var harness = new ConnectorHarness(
            LoopbackHttpServer.Start(ScriptedResponse.Error(503, "ServiceUnavailable")), fireTimers: false);
        using var cancellation = new CancellationTokenSource();

        var send = harness.SendAsync(cancellationToken: cancellation.Token);
        await harness.Time.FirstDelayRequested.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_while_waiting_for_a_response_is_not_retried()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.NoAnswer));
        using var cancellation = new CancellationTokenSource();

        var send = harness.SendAsync(cancellationToken: cancellation.Token);
        await harness.Server.FirstRequestReceived.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Single(harness.Server.Requests);
        Assert.Empty(harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task An_HttpClient_timeout_is_retried_as_a_transient_failure()
    {
        await using var harness = new ConnectorHarness(
            LoopbackHttpServer.Start(ScriptedResponse.NoAnswer, Ok), httpTimeout: TimeSpan.FromSeconds(1));

        var response = await harness.SendAsync();

        Assert.Equal("1:sent", response.Id);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Single(harness.Time.RequestedDelays);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_surfaces_an_HttpRequestException_saying_what_to_check()
    {
        var closedPort = ClosedLoopbackPort();
        var options = new ConnectorClientOptions { MaxRetries = 2 };
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Ok), options);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.SendToConversationAsync(
            $"http://127.0.0.1:{closedPort}/", ConnectorHarness.ConversationId, ConnectorHarness.Message(), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        Assert.Contains("SendToConversation", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("reachable", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Tokens.Calls.Count);
        Assert.Equal(2, harness.Time.RequestedDelays.Count);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
