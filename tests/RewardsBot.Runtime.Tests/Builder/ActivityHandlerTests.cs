using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;

namespace RewardsBot.Runtime.Tests.Builder;

public class ActivityHandlerTests
{
    private sealed class RecordingHandler : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("message");
            return Task.CompletedTask;
        }

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("added:" + string.Join(",", membersAdded.Select(m => m.Id)));
            return Task.CompletedTask;
        }

        protected override Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("removed:" + string.Join(",", membersRemoved.Select(m => m.Id)));
            return Task.CompletedTask;
        }

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("install-add");
            return Task.CompletedTask;
        }

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("install-remove");
            return Task.CompletedTask;
        }

        protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Calls.Add("event:" + turnContext.Activity.Name);
            return Task.CompletedTask;
        }

        protected override Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
        {
            Calls.Add("execute:" + invokeValue.Action!.Verb);
            return Task.FromResult<AdaptiveCardInvokeResponse?>(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = ContentTypes.ActivityMessage, Value = "done" });
        }
    }

    private static async Task<(RecordingHandler Handler, ITurnContext Turn)> RunAsync(Activity activity)
    {
        var adapter = new TestAdapter();
        var handler = new RecordingHandler();
        var turn = await adapter.ProcessActivityAsync(activity, handler.OnTurnAsync);
        return (handler, turn);
    }

    [Fact]
    public async Task Conversation_update_reports_members_other_than_the_bot()
    {
        var (handler, _) = await RunAsync(new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = "user1" }],
            MembersRemoved = [new ChannelAccount { Id = "bot" }],
        });

        Assert.Equal(["added:user1"], handler.Calls);
    }

    [Theory]
    [InlineData("add", "install-add")]
    [InlineData("add-upgrade", "install-add")]
    [InlineData("remove", "install-remove")]
    [InlineData("remove-upgrade", "install-remove")]
    public async Task Installation_update_routes_by_action(string action, string expected)
    {
        var (handler, _) = await RunAsync(new Activity { Type = ActivityTypes.InstallationUpdate, Action = action });

        Assert.Equal([expected], handler.Calls);
    }

    [Fact]
    public async Task Unknown_activity_types_are_ignored()
    {
        var (handler, turn) = await RunAsync(new Activity { Type = "somethingNew" });

        Assert.Empty(handler.Calls);
        Assert.False(turn.Responded);
    }

    [Fact]
    public async Task Message_and_event_reach_their_hooks()
    {
        var (messageHandler, _) = await RunAsync(new Activity { Type = ActivityTypes.Message, Text = "hi" });
        var (eventHandler, _) = await RunAsync(new Activity { Type = ActivityTypes.Event, Name = "webchat/join" });

        Assert.Equal(["message"], messageHandler.Calls);
        Assert.Equal(["event:webchat/join"], eventHandler.Calls);
    }

    [Fact]
    public async Task Unknown_invoke_answers_501()
    {
        var (_, turn) = await RunAsync(new Activity { Type = ActivityTypes.Invoke, Name = "task/fetch" });

        Assert.Equal(501, InvokeStatus(turn));
    }

    [Fact]
    public async Task Adaptive_card_execute_is_routed_with_its_verb()
    {
        var value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "activate", ["data"] = new JsonObject() }, ["trigger"] = "manual" };
        var (handler, turn) = await RunAsync(new Activity { Type = ActivityTypes.Invoke, Name = InvokeNames.AdaptiveCardAction, Value = value });

        Assert.Equal(["execute:activate"], handler.Calls);
        Assert.Equal(200, InvokeStatus(turn));
    }

    [Theory]
    [InlineData(null, "BadRequest")]
    [InlineData("""{"trigger":"manual"}""", "BadRequest")]
    [InlineData("""{"action":{"type":"Action.Submit"}}""", "NotSupported")]
    public async Task Malformed_adaptive_card_action_answers_200_with_a_400_status_code(string? valueJson, string code)
    {
        var (handler, turn) = await RunAsync(new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = InvokeNames.AdaptiveCardAction,
            Value = valueJson is null ? null : JsonNode.Parse(valueJson),
        });

        Assert.Empty(handler.Calls);
        var response = InvokeBody(turn);
        Assert.Equal(200, InvokeStatus(turn));
        Assert.Equal(400, response["statusCode"]!.GetValue<int>());
        Assert.Equal(ContentTypes.Error, response["type"]!.GetValue<string>());
        Assert.Equal(code, response["value"]!["code"]!.GetValue<string>());
    }

    private static int InvokeStatus(ITurnContext turn)
        => turn.TurnState.Get<Activity>(BotAdapter.InvokeResponseKey)!.Value!["status"]!.GetValue<int>();

    private static JsonNode InvokeBody(ITurnContext turn)
        => turn.TurnState.Get<Activity>(BotAdapter.InvokeResponseKey)!.Value!["body"]!;
}
