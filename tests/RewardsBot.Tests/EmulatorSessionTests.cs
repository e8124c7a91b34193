using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// An Emulator-shaped session over real HTTP, with replies arriving at a Connector on loopback. The host runs the
/// test's <see cref="CountingBot"/>: these tests are about the pipeline; the product's bot over the wire is in
/// <see cref="ConversationOverTheWireTests"/>.
/// </summary>
public sealed class EmulatorSessionTests : LoopbackBotTest
{
    protected override Task<BotHost> StartHostAsync(TempFolder folder) => BotHost.StartAsync(folder, services: CountingBot.Register);

    [Fact]
    public async Task Joining_then_messaging_gets_a_welcome_and_counted_replies_addressed_to_the_user()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var join = session.ConversationUpdate();
        var first = session.Message("hello");
        var second = session.Message("again");

        Assert.Equal(HttpStatusCode.OK, (await Host.Client.PostActivityAsync(join)).StatusCode);
        await Connector.WaitForAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.PostActivityAsync(first)).StatusCode);
        await Connector.WaitForAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.PostActivityAsync(second)).StatusCode);
        var received = await Connector.WaitForAsync(3);

        var encodedConversation = Uri.EscapeDataString(session.ConversationId);
        Assert.Equal([join.Id, first.Id, second.Id], received.Select(r => r.Activity.ReplyToId));
        Assert.Equal(
            [$"/v3/conversations/{encodedConversation}/activities/{join.Id}", $"/v3/conversations/{encodedConversation}/activities/{first.Id}", $"/v3/conversations/{encodedConversation}/activities/{second.Id}"],
            received.Select(r => r.RawPath));
        Assert.All(received, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("", r.Authorization);
            Assert.Equal(session.Bot.Id, r.Activity.From!.Id);
            Assert.Equal(session.User.Id, r.Activity.Recipient!.Id);
            Assert.Equal(session.ConversationId, r.Activity.Conversation!.Id);
            Assert.Equal(Channels.Emulator, r.Activity.ChannelId);
            Assert.Null(r.Activity.Id);
        });
        Assert.Equal([CountingBot.Welcome(session.User.Id!), CountingBot.Counted(1), CountingBot.Counted(2)], received.Select(r => r.Activity.Text));
    }

    [Fact]
    public async Task The_bot_joining_alone_gets_no_welcome()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var botOnly = session.Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [session.Bot] });

        var response = await Host.Client.PostActivityAsync(botOnly);
        await Host.Client.PostActivityAsync(session.Message("ping"));
        var received = await Connector.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CountingBot.Counted(1), Assert.Single(received).Activity.Text);
    }

    [Fact]
    public async Task The_reply_carries_the_locale_of_the_activity()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl, locale: "fr-CA");

        await Host.Client.PostActivityAsync(session.Message("bonjour"));
        var received = await Connector.WaitForAsync(1);

        Assert.Equal(CountingBot.Counted(1), received[0].Activity.Text);
        Assert.Equal("fr-CA", received[0].Activity.Locale);
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_response_body()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);

        var response = await Host.Client.PostActivityAsync(session.Message("hi", DeliveryModes.ExpectReplies));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        var reply = Assert.Single(body!.Activities);
        Assert.Equal(CountingBot.Counted(1), reply.Text);
        Assert.Equal(session.User.Id, reply.Recipient!.Id);
        Assert.Empty(Connector.Received);
    }

    [Fact]
    public async Task Unhandled_invoke_answers_400_and_a_malformed_card_action_answers_200_with_status_400()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var unknown = session.Stamp(new Activity { Type = ActivityTypes.Invoke, Name = "task/fetch" });
        var malformed = session.Stamp(new Activity { Type = ActivityTypes.Invoke, Name = InvokeNames.AdaptiveCardAction, Value = new JsonObject { ["nope"] = 1 } });
        var execute = session.Stamp(new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = InvokeNames.AdaptiveCardAction,
            Value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "x" } },
        });

        var unknownResponse = await Host.Client.PostActivityAsync(unknown);
        var malformedResponse = await Host.Client.PostActivityAsync(malformed);
        var executeResponse = await Host.Client.PostActivityAsync(execute);

        Assert.Equal(HttpStatusCode.BadRequest, unknownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, malformedResponse.StatusCode);
        var body = JsonNode.Parse(await malformedResponse.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, executeResponse.StatusCode);
        Assert.Equal("application/problem+json", executeResponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Two_messages_of_one_conversation_sent_at_once_are_both_applied()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);

        var responses = await Task.WhenAll(
            Host.Client.PostActivityAsync(session.Message("one", DeliveryModes.ExpectReplies)),
            Host.Client.PostActivityAsync(session.Message("two", DeliveryModes.ExpectReplies)));
        var third = await Host.Client.PostActivityAsync(session.Message("three", DeliveryModes.ExpectReplies));

        var texts = new List<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
            texts.Add(Assert.Single(body!.Activities).Text!);
        }

        Assert.Equal([CountingBot.Counted(1), CountingBot.Counted(2)], texts.Order(StringComparer.Ordinal));
        var last = await third.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        Assert.Equal(CountingBot.Counted(3), Assert.Single(last!.Activities).Text);
    }

    [Fact]
    public async Task A_channel_resending_the_same_activity_gets_one_answer()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var message = session.Message("once");

        await Host.Client.PostActivityAsync(message);
        var again = await Host.Client.PostActivityAsync(message);
        await Host.Client.PostActivityAsync(session.Message("next"));
        var received = await Connector.WaitForAsync(2);
        await Task.Delay(100);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([CountingBot.Counted(1), CountingBot.Counted(2)], Connector.Received.Select(r => r.Activity.Text));
        Assert.Equal(2, received.Count);
    }
}
