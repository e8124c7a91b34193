using System.Net;
using Microsoft.Extensions.Logging;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class OpenIdMetadataTests : IDisposable
{
    private const string Set = "channel";
    private readonly LoopbackOpenIdServer server = new();
    private readonly HttpClient httpClient = new();
    private readonly ManualTimeProvider clock = new();
    private readonly ListLogger<OpenIdMetadata> log = new();

    public OpenIdMetadataTests() => server.Publish(Set, TestKeys.Channel, TestKeys.Unendorsed);

    public void Dispose()
    {
        httpClient.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task Keys_are_parsed_with_their_endorsements()
    {
        var metadata = CreateMetadata();

        var endorsed = await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None);
        var unendorsed = await metadata.GetSigningKeyAsync(TestKeys.Unendorsed.KeyId, CancellationToken.None);

        Assert.Equal(TestKeys.Channel.Endorsements, endorsed!.Endorsements);
        Assert.Equal("RSA", endorsed.Key.Kty);
        Assert.Empty(unendorsed!.Endorsements);
        Assert.Equal(1, server.Requests($"/{Set}/openid"));
        Assert.Equal(1, server.KeyRequests(Set));
    }

    [Fact]
    public async Task Unknown_kid_triggers_one_refetch_that_finds_a_rotated_key()
    {
        using var host = new AuthTestHost();
        await host.AuthenticateTokenAsync(host.ChannelToken());
        host.Server.Publish(AuthTestHost.ChannelSet, TestKeys.Channel, TestKeys.Rotated);
        host.Clock.Advance(OpenIdMetadata.MinimumRefetchInterval);

        var result = await host.AuthenticateTokenAsync(host.ChannelToken(key: TestKeys.Rotated));

        Assert.False(result.IsAnonymous);
        Assert.Equal(2, host.Server.KeyRequests(AuthTestHost.ChannelSet));
    }

    [Fact]
    public async Task Flood_of_unknown_kids_refetches_at_most_once_per_throttle_window()
    {
        var metadata = CreateMetadata();
        await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None);
        clock.Advance(OpenIdMetadata.MinimumRefetchInterval);

        var flood = Enumerable.Range(0, 50).Select(i => metadata.GetSigningKeyAsync($"random-{i}", CancellationToken.None));
        var found = await Task.WhenAll(flood);
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            found = [.. found, await metadata.GetSigningKeyAsync($"later-{i}", CancellationToken.None)];
        }

        Assert.All(found, Assert.Null);
        Assert.Equal(2, server.KeyRequests(Set));

        clock.Advance(OpenIdMetadata.MinimumRefetchInterval);
        await metadata.GetSigningKeyAsync("after-the-window", CancellationToken.None);
        Assert.Equal(3, server.KeyRequests(Set));
    }

    [Fact]
    public async Task Unknown_kid_right_after_a_fetch_does_not_refetch()
    {
        var metadata = CreateMetadata();
        await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None);

        Assert.Null(await metadata.GetSigningKeyAsync("unknown", CancellationToken.None));
        Assert.Equal(1, server.KeyRequests(Set));
    }

    [Fact]
    public async Task Keys_are_refreshed_after_24_hours_and_removed_keys_stop_working()
    {
        var metadata = CreateMetadata();
        await metadata.GetSigningKeyAsync(TestKeys.Unendorsed.KeyId, CancellationToken.None);
        server.Publish(Set, TestKeys.Channel);

        clock.Advance(OpenIdMetadata.RefreshInterval - TimeSpan.FromMinutes(1));
        Assert.NotNull(await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None));
        Assert.Equal(1, server.KeyRequests(Set));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None));
        Assert.Equal(2, server.KeyRequests(Set));
        Assert.Null(await metadata.GetSigningKeyAsync(TestKeys.Unendorsed.KeyId, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_fetch()
    {
        server.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var metadata = CreateMetadata();

        var keys = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None))));

        Assert.All(keys, Assert.NotNull);
        Assert.Equal(1, server.Requests($"/{Set}/openid"));
        Assert.Equal(1, server.KeyRequests(Set));
    }

    [Fact]
    public async Task Failed_refresh_keeps_the_previous_keys()
    {
        var metadata = CreateMetadata();
        await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None);
        server.FailWith = HttpStatusCode.ServiceUnavailable;
        clock.Advance(OpenIdMetadata.RefreshInterval);

        var key = await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None);

        Assert.NotNull(key);
        Assert.Equal(2, server.Requests($"/{Set}/openid"));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("still using the keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_metadata_is_a_server_error_that_names_the_setting()
    {
        server.FailWith = HttpStatusCode.InternalServerError;
        var metadata = CreateMetadata();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => metadata.GetSigningKeyAsync("any", CancellationToken.None));

        Assert.Contains("ToBotFromChannelOpenIdMetadataUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_failed_first_fetch_callers_fail_fast_until_the_retry_delay_has_passed()
    {
        server.FailWith = HttpStatusCode.InternalServerError;
        var metadata = CreateMetadata();
        await Assert.ThrowsAsync<InvalidOperationException>(() => metadata.GetSigningKeyAsync("any", CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => metadata.GetSigningKeyAsync("any", CancellationToken.None));
        Assert.Equal(1, server.Requests($"/{Set}/openid"));

        server.FailWith = null;
        clock.Advance(OpenIdMetadata.RetryAfterFailure);
        Assert.NotNull(await metadata.GetSigningKeyAsync(TestKeys.Channel.KeyId, CancellationToken.None));
        Assert.Equal(2, server.Requests($"/{Set}/openid"));
    }

    [Fact]
    public async Task Jwks_uri_over_plain_http_to_a_remote_host_is_not_fetched()
    {
        server.JwksUriOverride = "http://keys.example.com/keys";
        var metadata = CreateMetadata();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => metadata.GetSigningKeyAsync("any", CancellationToken.None));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_url_over_plain_http_to_a_remote_host_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new OpenIdMetadata(
            new Uri("http://login.botframework.com/v1/.well-known/openidconfiguration"), "ToBotFromChannelOpenIdMetadataUrl", httpClient, clock, log));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    private OpenIdMetadata CreateMetadata() =>
        new(server.MetadataUrl(Set), "ToBotFromChannelOpenIdMetadataUrl", httpClient, clock, log);
}
