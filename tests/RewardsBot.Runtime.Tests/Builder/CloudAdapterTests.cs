using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Connector;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;
using RewardsBot.Runtime.Testing;

namespace RewardsBot.Runtime.Tests.Builder;

public class CloudAdapterTests
{
    private sealed class AllowAll : IBotAuthenticator
    {
        public Task<BotAuthenticationResult> AuthenticateRequestAsync(Activity activity, string? authorizationHeader, CancellationToken cancellationToken)
            => Task.FromResult(authorizationHeader == "refuse" ? throw new BotAuthenticationException("refused") : BotAuthenticationResult.Anonymous with { CallerId = "urn:test" });
    }

    /// <summary>Records Connector calls in order (the real client is tested against a loopback server).</summary>
    internal sealed class RecordingConnector : IConnectorClient
    {
        public List<(string Operation, string ConversationId, string? ActivityId, Activity? Activity)> Calls { get; } = [];
        public int FailWithStatus { get; set; }

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
            => Record("reply", conversationId, activityId, activity);

        public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
            => Record("send", conversationId, null, activity);

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
            => Record("update", conversationId, activityId, activity);

        public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
            => Record("delete", conversationId, activityId, null);

        private Task<ResourceResponse> Record(string operation, string conversationId, string? activityId, Activity? activity)
        {
            lock (Calls)
            {
                Calls.Add((operation, conversationId, activityId, activity));
            }

            if (FailWithStatus != 0)
            {
                throw new ConnectorException(FailWithStatus, "Throttled", "refused");
            }

            return Task.FromResult(new ResourceResponse("sent-" + Calls.Count));
        }
    }

    private sealed class Words : ITurnErrorText
    {
        public string TurnFailed(string? locale) => "failed";
        public string ConcurrentChange(string? locale) => "changed elsewhere";
    }

    private static CloudAdapter CreateAdapter(RecordingConnector connector)
        => new(new AllowAll(), connector, new Words(), Options.Create(new CloudAdapterOptions()), TimeProvider.System, NullLogger<CloudAdapter>.Instance);

    private static Activity Message(string text, string? id = "m1", string? deliveryMode = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Text = text,
        ChannelId = Channels.Emulator,
        ServiceUrl = "http://localhost:5000",
        DeliveryMode = deliveryMode,
        From = new ChannelAccount { Id = "user" },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "c1|livechat" },
    };

    private static Task Echo(ITurnContext turn, CancellationToken ct) => turn.SendActivityAsync("echo " + turn.Activity.Text, cancellationToken: ct);

    [Fact]
    public async Task Normal_delivery_replies_through_the_connector_to_the_incoming_activity()
    {
        var connector = new RecordingConnector();

        var response = await CreateAdapter(connector).ProcessActivityAsync(null, Message("hi"), Echo, default);

        Assert.Null(response);
        var call = Assert.Single(connector.Calls);
        Assert.Equal(("reply", "c1|livechat", "m1"), (call.Operation, call.ConversationId, call.ActivityId));
        Assert.Equal("echo hi", call.Activity!.Text);
        Assert.Equal("bot", call.Activity.From!.Id);
        Assert.Equal("user", call.Activity.Recipient!.Id);
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_response_and_calls_no_connector()
    {
        var connector = new RecordingConnector();

        var response = await CreateAdapter(connector).ProcessActivityAsync(null, Message("hi", deliveryMode: DeliveryModes.ExpectReplies), Echo, default);

        Assert.Equal(200, response!.Status);
        var replies = Assert.IsType<ExpectedReplies>(response.Body);
        Assert.Equal("echo hi", Assert.Single(replies.Activities).Text);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Replies_written_as_json_by_the_turn_are_the_response_body_as_written()
    {
        JsonText? kept = null;

        var response = await CreateAdapter(new RecordingConnector()).ProcessActivityAsync(null, Message("hi", deliveryMode: DeliveryModes.ExpectReplies), async (turn, ct) =>
        {
            await turn.SendActivityAsync("one <é>", cancellationToken: ct);
            await turn.SendActivityAsync("two", cancellationToken: ct);
            kept = TurnReplies.PendingAsJson(turn);
        }, default);

        var replies = Assert.IsType<ExpectedReplies>(response!.Body);
        Assert.Equal(["one <é>", "two"], replies.Activities.Select(a => a.Text));
        Assert.Equal(JsonText.FromActivities(replies.Activities), kept);
        Assert.Equal(kept!.Json, Encoding.UTF8.GetString(replies.WrittenActivities!));
        Assert.Equal(JsonSerializer.Serialize(replies, BotJson.Options), Written(replies));
    }

    [Fact]
    public async Task A_reply_sent_after_the_replies_were_written_as_json_is_in_the_response_too()
    {
        var response = await CreateAdapter(new RecordingConnector()).ProcessActivityAsync(null, Message("hi", deliveryMode: DeliveryModes.ExpectReplies), async (turn, ct) =>
        {
            await turn.SendActivityAsync("one", cancellationToken: ct);
            _ = TurnReplies.PendingAsJson(turn);
            await turn.SendActivityAsync("two", cancellationToken: ct);
        }, default);

        var replies = Assert.IsType<ExpectedReplies>(response!.Body);
        Assert.Null(replies.WrittenActivities);
        Assert.Equal(["one", "two"], replies.Activities.Select(a => a.Text));
        Assert.Contains("\"two\"", Written(replies), StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_of_a_turn_another_adapter_runs_are_written_as_an_empty_array()
    {
        var turn = new TurnContext(new TestAdapter(), Message("hi"));

        Assert.Equal("[]", TurnReplies.PendingAsJson(turn).Json);
    }

    private static string Written(ExpectedReplies replies)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ActivityWriter.WriterOptions))
        {
            ActivityWriter.Write(writer, replies);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task Invoke_without_a_response_answers_501()
    {
        var invoke = Message("x");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "task/fetch";

        var response = await CreateAdapter(new RecordingConnector()).ProcessActivityAsync(null, invoke, (_, _) => Task.CompletedTask, default);

        Assert.Equal(501, response!.Status);
    }

    [Fact]
    public async Task Caller_id_from_the_wire_is_replaced_by_the_authenticated_one()
    {
        var activity = Message("hi");
        activity.CallerId = "urn:botframework:azure";
        string? seen = null;

        await CreateAdapter(new RecordingConnector()).ProcessActivityAsync(null, activity, (turn, _) => { seen = turn.Activity.CallerId; return Task.CompletedTask; }, default);

        Assert.Equal("urn:test", seen);
    }

    [Fact]
    public async Task Refused_credentials_throw_before_the_bot_runs()
    {
        var ran = false;

        await Assert.ThrowsAsync<BotAuthenticationException>(() =>
            CreateAdapter(new RecordingConnector()).ProcessActivityAsync("refuse", Message("hi"), (_, _) => { ran = true; return Task.CompletedTask; }, default));
        Assert.False(ran);
    }

    [Fact]
    public async Task An_etag_conflict_runs_the_turn_again_and_sends_only_the_second_runs_replies()
    {
        var connector = new RecordingConnector();
        var runs = 0;

        await CreateAdapter(connector).ProcessActivityAsync(null, Message("hi"), async (turn, ct) =>
        {
            runs++;
            await turn.SendActivityAsync("run " + runs, cancellationToken: ct);
            if (runs == 1)
            {
                throw new ETagConflictException("emulator/conversations/c1");
            }
        }, default);

        Assert.Equal(2, runs);
        Assert.Equal("run 2", Assert.Single(connector.Calls).Activity!.Text);
    }

    [Fact]
    public async Task A_second_etag_conflict_is_reported_to_the_user()
    {
        var connector = new RecordingConnector();

        await CreateAdapter(connector).ProcessActivityAsync(null, Message("hi"), async (turn, ct) =>
        {
            await turn.SendActivityAsync("lost", cancellationToken: ct);
            throw new ETagConflictException("k");
        }, default);

        Assert.Equal("changed elsewhere", Assert.Single(connector.Calls).Activity!.Text);
    }

    [Fact]
    public async Task A_repeated_activity_id_is_processed_once()
    {
        var connector = new RecordingConnector();
        var adapter = CreateAdapter(connector);

        await adapter.ProcessActivityAsync(null, Message("hi", id: "same"), Echo, default);
        await adapter.ProcessActivityAsync(null, Message("hi", id: "same"), Echo, default);
        await adapter.ProcessActivityAsync(null, Message("hi", id: "other"), Echo, default);

        Assert.Equal(2, connector.Calls.Count);
    }

    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_in_arrival_order()
    {
        var adapter = CreateAdapter(new RecordingConnector());
        var order = new List<int>();
        var running = 0;
        var maxRunning = 0;

        var turns = Enumerable.Range(1, 20).Select(i => adapter.ProcessActivityAsync(null, Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture), id: "m" + i), async (turn, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            maxRunning = Math.Max(maxRunning, now);
            await Task.Delay(2, ct);
            lock (order)
            {
                order.Add(int.Parse(turn.Activity.Text!, System.Globalization.CultureInfo.InvariantCulture));
            }

            Interlocked.Decrement(ref running);
        }, default)).ToArray();
        await Task.WhenAll(turns);

        Assert.Equal(1, maxRunning);
        Assert.Equal(Enumerable.Range(1, 20), order);
    }

    [Fact]
    public async Task A_failed_delivery_does_not_fail_the_turn()
    {
        var connector = new RecordingConnector { FailWithStatus = 403 };

        var response = await CreateAdapter(connector).ProcessActivityAsync(null, Message("hi"), async (turn, ct) =>
        {
            await turn.SendActivityAsync("one", cancellationToken: ct);
            await turn.SendActivityAsync("two", cancellationToken: ct);
        }, default);

        Assert.Null(response);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task An_activity_without_a_conversation_is_refused()
    {
        var activity = Message("hi");
        activity.Conversation = null;

        await Assert.ThrowsAsync<ArgumentException>(() => CreateAdapter(new RecordingConnector()).ProcessActivityAsync(null, activity, Echo, default));
    }
}
