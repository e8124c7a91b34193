using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Connector;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Connector;

/// <summary>A <see cref="ConnectorClient"/> wired to a loopback server, a fake token provider, a manual clock and a recording logger.</summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    public const string ConversationId = "a:1;messageid=2@x=y|livechat";
    public const string EncodedConversationId = "a%3A1%3Bmessageid%3D2%40x%3Dy%7Clivechat";
    public const string ActivityId = "1:42|0001";
    public const string EncodedActivityId = "1%3A42%7C0001";

    private readonly HttpClient httpClient;

    public ConnectorHarness(
        LoopbackHttpServer server,
        ConnectorClientOptions? options = null,
        FakeTokenProvider? tokens = null,
        bool fireTimers = true,
        TimeSpan? httpTimeout = null)
    {
        Server = server;
        Tokens = tokens ?? new FakeTokenProvider("token-1", "token-2");
        Time = new ManualTimeProvider(ManualTimeProvider.Epoch, fireTimers);
        httpClient = new HttpClient { Timeout = httpTimeout ?? TimeSpan.FromSeconds(30) };
        Client = new ConnectorClient(httpClient, Tokens, Options.Create(options ?? new ConnectorClientOptions()), Time, Logger);
    }

    public LoopbackHttpServer Server { get; }
    public FakeTokenProvider Tokens { get; }
    public ManualTimeProvider Time { get; }
    public RecordingLogger<ConnectorClient> Logger { get; } = new();
    public ConnectorClient Client { get; }

    /// <summary>The server's origin with a trailing slash, as Teams sends serviceUrls.</summary>
    public string ServiceUrl => Server.Origin + "/";

    public static Activity Message(string text = "hello there") => new()
    {
        Type = ActivityTypes.Message,
        Id = "incoming-activity-id",
        Text = text,
        ReplyToId = ActivityId,
        From = new ChannelAccount { Id = "28:bot", Name = "Rewards" },
        Recipient = new ChannelAccount { Id = "29:user", Name = "Dana" },
        Conversation = new ConversationAccount { Id = ConversationId },
    };

    public Task<ResourceResponse> SendAsync(Activity? activity = null, CancellationToken cancellationToken = default)
        => Client.SendToConversationAsync(ServiceUrl, ConversationId, activity ?? Message(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        httpClient.Dispose();
        await Server.DisposeAsync();
    }
}
