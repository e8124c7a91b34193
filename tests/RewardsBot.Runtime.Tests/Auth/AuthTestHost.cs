using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>Keys generated once per test run (RSA generation is slow); which set publishes which is up to each host.</summary>
internal static class TestKeys
{
    public static TestSigningKey Channel { get; } = new("channel-key", Channels.Msteams, Channels.Webchat, Channels.DirectLine);
    public static TestSigningKey Unendorsed { get; } = new("unendorsed-key", endorsements: null);
    public static TestSigningKey Emulator { get; } = new("aad-key", endorsements: null);
    public static TestSigningKey Rotated { get; } = new("rotated-key", Channels.Msteams);
    public static TestSigningKey Unpublished { get; } = new("unpublished-key", Channels.Msteams);
}

/// <summary>
/// A <see cref="BotFrameworkAuthenticator"/> wired to a loopback OpenID server ("channel" and "emulator" key sets),
/// a manual clock and a capturing logger.
/// </summary>
internal sealed class AuthTestHost : IDisposable
{
    public const string ChannelSet = "channel";
    public const string EmulatorSet = "emulator";

    private readonly HttpClient httpClient = new();

    public AuthTestHost(Action<BotAuthenticationOptions>? configure = null)
    {
        Server.Publish(ChannelSet, TestKeys.Channel, TestKeys.Unendorsed);
        Server.Publish(EmulatorSet, TestKeys.Emulator);
        Options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "not-used-inbound",
            ToBotFromChannelOpenIdMetadataUrl = Server.MetadataUrl(ChannelSet),
            ToBotFromEmulatorOpenIdMetadataUrl = Server.MetadataUrl(EmulatorSet),
        };
        configure?.Invoke(Options);
        Authenticator = new BotFrameworkAuthenticator(Microsoft.Extensions.Options.Options.Create(Options), httpClient, Clock, Log);
    }

    public LoopbackOpenIdServer Server { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public ListLogger<BotFrameworkAuthenticator> Log { get; } = new();

    public BotAuthenticationOptions Options { get; }

    public BotFrameworkAuthenticator Authenticator { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static Activity Activity(string channelId = Channels.Msteams, string serviceUrl = TestTokens.ServiceUrl) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Text = "hi",
    };

    /// <summary>A valid channel token (msteams key, one hour) after <paramref name="edit"/> changes its claims.</summary>
    public string ChannelToken(Action<Dictionary<string, object>>? edit = null, TestSigningKey? key = null) =>
        Token(TestTokens.ChannelClaims(), edit, key ?? TestKeys.Channel);

    public string EmulatorToken(Dictionary<string, object> claims, Action<Dictionary<string, object>>? edit = null) =>
        Token(claims, edit, TestKeys.Emulator);

    public string Token(Dictionary<string, object> claims, Action<Dictionary<string, object>>? edit, TestSigningKey key)
    {
        edit?.Invoke(claims);
        return TestTokens.Mint(key.Credentials(), claims, Now.AddMinutes(-1), Now.AddHours(1));
    }

    public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity? activity = null) =>
        Authenticator.AuthenticateRequestAsync(activity ?? Activity(), authorizationHeader, CancellationToken.None);

    public Task<BotAuthenticationResult> AuthenticateTokenAsync(string token, Activity? activity = null) =>
        AuthenticateAsync($"Bearer {token}", activity);

    /// <summary>Asserts a refusal and returns its message.</summary>
    public async Task<string> RefusedAsync(string? authorizationHeader, Activity? activity = null)
    {
        var refusal = await Assert.ThrowsAsync<BotAuthenticationException>(() => AuthenticateAsync(authorizationHeader, activity));
        return refusal.Message;
    }

    public Task<string> RefusedTokenAsync(string token, Activity? activity = null) => RefusedAsync($"Bearer {token}", activity);

    public void Dispose()
    {
        httpClient.Dispose();
        Server.Dispose();
    }
}
