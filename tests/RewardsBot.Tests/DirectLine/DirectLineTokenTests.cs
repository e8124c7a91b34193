using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.DirectLine;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// Who may call: token generation only with the secret, one token per conversation and user, expiry and refresh,
/// signatures that cannot be forged, a rate per token, and CORS for configured origins only.
/// </summary>
public sealed class DirectLineTokenTests : OwnHostTest
{
    private async Task<DirectLineClient> HostAsync(Dictionary<string, string?>? settings = null)
    {
        await StartHostAsync(settings);
        return new DirectLineClient(Host);
    }

    private static readonly string[] DirectLineJsHeaders = ["AUTHORIZATION", "CONTENT-TYPE", "ACCEPT", "X-MS-BOT-AGENT"];

    private static JsonObject Payload(string token)
        => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    [Fact]
    public async Task Generating_with_the_secret_gives_a_token_that_carries_the_dl_user_id_and_the_conversation()
    {
        var client = await HostAsync();

        var (conversationId, token, expiresIn) = await client.GenerateAsync("demo-kenji", "Kenji Watanabe");

        Assert.Equal(1800, expiresIn);
        Assert.False(string.IsNullOrEmpty(conversationId));
        var payload = Payload(token);
        Assert.Equal("dl_demo-kenji", payload["user"]!.GetValue<string>());
        Assert.Equal(conversationId, payload["conv"]!.GetValue<string>());
        Assert.DoesNotContain(BotHost.DirectLineSecret, token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generating_needs_the_secret_and_a_user_id()
    {
        var client = await HostAsync();
        var (_, token, _) = await client.GenerateAsync("demo-ana");
        const string body = """{"user":{"id":"demo-ana"}}""";

        using var wrongSecret = await client.SendAsync(HttpMethod.Post, "/tokens/generate", "not-the-secret-0123456789", body);
        using var withToken = await client.SendAsync(HttpMethod.Post, "/tokens/generate", token, body);
        using var anonymous = await client.SendAsync(HttpMethod.Post, "/tokens/generate", bearer: null, body);
        using var noUser = await client.SendAsync(HttpMethod.Post, "/tokens/generate", BotHost.DirectLineSecret, "{}");

        Assert.Equal("Unauthorized", await DirectLineClient.ErrorCodeAsync(wrongSecret, HttpStatusCode.Unauthorized));
        Assert.Equal("Forbidden", await DirectLineClient.ErrorCodeAsync(withToken, HttpStatusCode.Forbidden));
        Assert.Equal("Unauthorized", await DirectLineClient.ErrorCodeAsync(anonymous, HttpStatusCode.Unauthorized));
        Assert.Equal("BadArgument", await DirectLineClient.ErrorCodeAsync(noUser, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_token_for_one_conversation_is_refused_on_another()
    {
        var client = await HostAsync();
        var (conversationA, tokenA, _) = await client.StartNewAsync("demo-ana");
        var (conversationB, tokenB, _) = await client.StartNewAsync("demo-ana");

        using var read = await client.GetActivitiesResponseAsync(tokenA, conversationB);
        using var post = await client.PostActivityAsync(tokenA, conversationB, DirectLineClient.WebChatMessage("hi"));
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationB}", tokenA);
        using var own = await client.GetActivitiesResponseAsync(tokenB, conversationB);

        Assert.NotEqual(conversationA, conversationB);
        Assert.Equal("Forbidden", await DirectLineClient.ErrorCodeAsync(read, HttpStatusCode.Forbidden));
        Assert.Equal("Forbidden", await DirectLineClient.ErrorCodeAsync(post, HttpStatusCode.Forbidden));
        Assert.Equal("Forbidden", await DirectLineClient.ErrorCodeAsync(reconnect, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_gets_403_token_expired_everywhere_including_refresh()
    {
        var client = await HostAsync(new() { ["DirectLine:TokenLifetime"] = "00:00:01" });
        var (conversationId, token, expiresIn) = await client.GenerateAsync("demo-ana");
        Assert.Equal(1, expiresIn);
        Assert.Equal(HttpStatusCode.Created, (await client.StartAsync(token)).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.1));
        using var read = await client.GetActivitiesResponseAsync(token, conversationId);
        using var post = await client.PostActivityAsync(token, conversationId, DirectLineClient.WebChatMessage("hi"));
        using var refresh = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        using var withSecret = await client.GetActivitiesResponseAsync(BotHost.DirectLineSecret, conversationId);

        Assert.Equal("TokenExpired", await DirectLineClient.ErrorCodeAsync(read, HttpStatusCode.Forbidden));
        Assert.Equal("TokenExpired", await DirectLineClient.ErrorCodeAsync(post, HttpStatusCode.Forbidden));
        Assert.Equal("TokenExpired", await DirectLineClient.ErrorCodeAsync(refresh, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, withSecret.StatusCode);
    }

    [Fact]
    public async Task Refreshing_gives_a_token_for_the_same_conversation_that_outlives_the_old_one()
    {
        var client = await HostAsync(new() { ["DirectLine:TokenLifetime"] = "00:00:04" });
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        await Task.Delay(TimeSpan.FromSeconds(2));
        using var refresh = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        var answer = await DirectLineClient.ReadObjectAsync(refresh, HttpStatusCode.OK);
        var refreshed = answer["token"]!.GetValue<string>();
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        using var old = await client.GetActivitiesResponseAsync(token, conversationId);
        using var renewed = await client.GetActivitiesResponseAsync(refreshed, conversationId);

        Assert.Equal(conversationId, answer["conversationId"]!.GetValue<string>());
        Assert.Equal(4, answer["expires_in"]!.GetValue<int>());
        Assert.Equal(Payload(token)["user"]!.GetValue<string>(), Payload(refreshed)["user"]!.GetValue<string>());
        Assert.True(Payload(refreshed)["exp"]!.GetValue<long>() > Payload(token)["exp"]!.GetValue<long>());
        Assert.Equal("TokenExpired", await DirectLineClient.ErrorCodeAsync(old, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_malformed_token_gets_401()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        var parts = token.Split('.');
        var claims = Payload(token);
        claims["user"] = "dl_demo-tomas";
        var forged = parts[0] + "." + Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        var resigned = parts[0] + "." + parts[1] + "." + parts[2][..^2] + (parts[2][^2..] == "AA" ? "BB" : "AA");

        foreach (var bad in new[] { forged, resigned, "garbage", parts[0] + "." + parts[1], new string('a', 5000) })
        {
            using var response = await client.GetActivitiesResponseAsync(bad, conversationId);
            Assert.Equal("Unauthorized", await DirectLineClient.ErrorCodeAsync(response, HttpStatusCode.Unauthorized));
        }
    }

    [Fact]
    public async Task A_flood_from_one_token_gets_429_with_retry_after_while_the_secret_and_other_tokens_go_on()
    {
        var client = await HostAsync(new() { ["DirectLine:RequestBurst"] = "3", ["DirectLine:RequestsPerMinute"] = "1" });
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana"); // the start takes one call
        var (otherConversation, otherToken, _) = await client.StartNewAsync("demo-ana");

        using var second = await client.GetActivitiesResponseAsync(token, conversationId);
        using var third = await client.GetActivitiesResponseAsync(token, conversationId);
        using var flood = await client.PostActivityAsync(token, conversationId, DirectLineClient.WebChatMessage("hi"));
        using var secret = await client.GetActivitiesResponseAsync(BotHost.DirectLineSecret, conversationId);
        using var other = await client.GetActivitiesResponseAsync(otherToken, otherConversation);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("Throttled", await DirectLineClient.ErrorCodeAsync(flood, HttpStatusCode.TooManyRequests));
        Assert.True(int.Parse(flood.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_in_process_issuer_resumes_the_users_own_conversation_only()
    {
        var client = await HostAsync();
        var (anaConversation, _, _) = await client.StartNewAsync("demo-ana");
        var issuer = Host.Services.GetRequiredService<DirectLineTokenIssuer>();

        var resumed = await issuer.IssueAsync("demo-ana", "Ana Ribeiro", anaConversation, CancellationToken.None);
        var someoneElses = await issuer.IssueAsync("demo-kenji", "Kenji Watanabe", anaConversation, CancellationToken.None);
        var unknown = await issuer.IssueAsync("demo-ana", null, "no-such-conversation", CancellationToken.None);
        var fresh = await issuer.IssueAsync("demo-ana", null, CancellationToken.None);

        Assert.Equal(anaConversation, resumed.ConversationId);
        Assert.Equal(1800, resumed.ExpiresIn);
        Assert.Equal(2, (await client.GetAllAsync(resumed.Token, anaConversation)).Activities.Count);
        Assert.NotEqual(anaConversation, someoneElses.ConversationId);
        Assert.NotEqual(anaConversation, unknown.ConversationId);
        Assert.NotEqual(anaConversation, fresh.ConversationId);
        await Assert.ThrowsAsync<ArgumentException>(() => issuer.IssueAsync(" ", null, CancellationToken.None));
    }

    [Fact]
    public async Task Preflights_from_a_configured_origin_are_answered_and_other_origins_get_no_cors_headers()
    {
        var client = await HostAsync(new() { ["DirectLine:AllowedOrigins:0"] = "https://help.contoso.example" });

        using var allowed = await PreflightAsync(client, "https://help.contoso.example");
        using var other = await PreflightAsync(client, "https://elsewhere.example");

        Assert.True(allowed.IsSuccessStatusCode);
        Assert.Equal("https://help.contoso.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var headers = string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        Assert.All(DirectLineJsHeaders, h => Assert.Contains(h, headers, StringComparison.Ordinal));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(DirectLineClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, DirectLineClient.Prefix + "/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,accept,x-ms-bot-agent");
        return await client.Http.SendAsync(request);
    }
}
