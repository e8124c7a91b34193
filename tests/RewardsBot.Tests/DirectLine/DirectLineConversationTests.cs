using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// Direct Line with the product's bot over real HTTP, real SQLite: start, the welcome before the user types, the echo
/// Web Chat needs, polling by watermark, who the bot believes is talking, secrets kept out of the transcript, and clear
/// 4xx/5xx answers to what it does not take.
/// </summary>
public sealed class DirectLineConversationTests : OwnHostTest
{
    /// <summary>Starts the test's host: the product's bot unless <paramref name="bot"/> is given.</summary>
    private async Task<DirectLineClient> HostAsync(Dictionary<string, string?>? settings = null, IBot? bot = null)
    {
        await StartHostAsync(settings, services: bot is null ? null : s => s.AddSingleton<IBot>(bot));
        return new DirectLineClient(Host);
    }

    private static string Say(string key, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, "en-US", values);

    private static void AssertWelcome(Activity activity, string name, string company)
        => Assert.Contains(Say("main.welcome.signedInAs", ("name", name), ("company", company)), WireCards.Texts(WireCards.SingleCard(activity)));

    private static void AssertFromTheBot(Activity activity, string conversationId)
    {
        Assert.False(string.IsNullOrEmpty(activity.Id));
        Assert.NotNull(activity.Timestamp);
        Assert.Equal(TimeSpan.Zero, activity.Timestamp!.Value.Offset);
        Assert.Equal("bot", activity.From!.Role);
        Assert.Equal(Channels.DirectLine, activity.ChannelId);
        Assert.Equal(conversationId, activity.Conversation!.Id);
    }

    [Fact]
    public async Task Starting_puts_the_welcome_card_and_the_menu_in_the_feed_before_the_user_types()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.GenerateAsync("demo-ana", "Ana Ribeiro");

        var (status, answer) = await client.StartAsync(token);
        var feed = await client.GetActivitiesAsync(token, conversationId);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(conversationId, answer["conversationId"]!.GetValue<string>());
        Assert.StartsWith($"ws://{Host.Address.Authority}/v3/directline/conversations/{conversationId}/stream?t=", answer["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(answer["expires_in"]!.GetValue<int>() > 0);
        Assert.Equal(2, feed.Activities.Count);
        Assert.All(feed.Activities, a => AssertFromTheBot(a, conversationId));
        AssertWelcome(feed.Activities[0], "Ana Ribeiro", "Contoso Analytics");
        Assert.Equal(Say("main.menu.heading"), WireCards.Texts(WireCards.SingleCard(feed.Activities[1]))[0]);
        Assert.Equal("2", feed.Watermark);
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_answers_200_without_a_second_welcome()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        var (status, answer) = await client.StartAsync(token);
        var feed = await client.GetAllAsync(token, conversationId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(conversationId, answer["conversationId"]!.GetValue<string>());
        Assert.Equal(2, feed.Activities.Count);
    }

    [Fact]
    public async Task A_posted_message_is_echoed_with_id_timestamp_user_role_and_its_client_activity_id_then_the_replies_follow()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        var id = await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("am I eligible?", clientActivityId: "cid-42"));
        var feed = await client.GetAllAsync(token, conversationId, "2");

        var echo = feed.Activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal("am I eligible?", echo.Text);
        Assert.Equal("cid-42", echo.ChannelData?["clientActivityID"]?.GetValue<string>());
        Assert.Equal("user", echo.From!.Role);
        Assert.Equal("dl_demo-ana", echo.From.Id);
        Assert.Equal(Channels.DirectLine, echo.ChannelId);
        Assert.Equal(conversationId, echo.Conversation!.Id);
        Assert.Equal(TimeSpan.Zero, echo.Timestamp!.Value.Offset);
        var replies = feed.Activities.Skip(1).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => AssertFromTheBot(r, conversationId));
        Assert.All(replies, r => Assert.Equal(id, r.ReplyToId));
        Assert.All(replies, r => Assert.Equal("dl_demo-ana", r.Recipient!.Id));
        WireCards.AssertAllValid(replies);
        var timestamps = feed.Activities.Select(a => a.Timestamp!.Value).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(timestamps.Count, timestamps.Distinct().Count());
    }

    [Fact]
    public async Task Polling_with_the_watermark_returns_each_activity_once()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        var first = await client.GetActivitiesAsync(token, conversationId);
        var nothingNew = await client.GetActivitiesAsync(token, conversationId, first.Watermark);

        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("benefits"));
        var second = await client.GetActivitiesAsync(token, conversationId, nothingNew.Watermark);
        var third = await client.GetActivitiesAsync(token, conversationId, second.Watermark);
        var everything = await client.GetAllAsync(token, conversationId);

        Assert.Empty(nothingNew.Activities);
        Assert.Equal(first.Watermark, nothingNew.Watermark);
        Assert.NotEmpty(second.Activities);
        Assert.Empty(third.Activities);
        Assert.False(string.IsNullOrEmpty(third.Watermark));
        var polled = first.Activities.Concat(second.Activities).Select(a => a.Id).ToList();
        Assert.Equal(polled.Count, polled.Distinct().Count());
        Assert.Equal(everything.Activities.Select(a => a.Id), polled);
    }

    [Fact]
    public async Task The_welcome_names_the_user_of_the_token()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-kenji");

        var feed = await client.GetActivitiesAsync(token, conversationId);

        AssertWelcome(feed.Activities[0], "Kenji Watanabe", "Contoso Analytics");
    }

    [Fact]
    public async Task Posting_as_another_user_is_ignored_the_sender_is_the_user_inside_the_token()
    {
        var client = await HostAsync(bot: new WhoIsTalkingBot());
        var (conversationId, token, _) = await client.StartNewAsync("demo-kenji");

        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("who am I?", fromId: "demo-ana"));
        var feed = await client.GetAllAsync(token, conversationId);

        Assert.Equal(["who am I?", WhoIsTalkingBot.Answer("demo-kenji")], feed.Activities.Select(a => a.Text));
        Assert.Equal("dl_demo-kenji", feed.Activities[0].From!.Id);
    }

    [Fact]
    public async Task A_password_is_refused_and_never_lands_in_the_feed_the_logs_or_the_database_file()
    {
        var client = await HostAsync();
        const string password = "Kx9-pQ7!zR2mW8vT";
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        var typed = await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("password: " + password));
        var submitted = DirectLineClient.WebChatMessage("");
        submitted.Remove("text");
        submitted["value"] = new JsonObject { ["description"] = "my secret is " + password + "Qz9xLm3Tt8" };
        await client.PostAsync(token, conversationId, submitted);
        var feed = await client.GetAllAsync(token, conversationId, "2");
        var logs = Host.Logs.All;
        await StopHostAsync();

        var echo = Assert.Single(feed.Activities, a => a.Id == typed);
        Assert.NotNull(echo.Text);
        Assert.DoesNotContain(password, echo.Text, StringComparison.Ordinal);
        Assert.Contains(feed.Activities, a => a.Text == Say("main.secretRefused"));
        Assert.All(feed.Activities, a => Assert.DoesNotContain(password, BotJson.Serialize(a), StringComparison.Ordinal));
        Assert.DoesNotContain(password, logs, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(password);
        foreach (var file in Directory.GetFiles(Path.Combine(Folder.Path, "data")))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) < 0, $"{Path.GetFileName(file)} holds the password.");
        }
    }

    [Fact]
    public async Task Typing_is_accepted_but_neither_kept_nor_sent_to_the_bot()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        using var response = await client.PostActivityAsync(token, conversationId, new JsonObject { ["type"] = "typing", ["from"] = new JsonObject { ["id"] = "x" } });
        var feed = await client.GetAllAsync(token, conversationId, "2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(feed.Activities);
    }

    [Fact]
    public async Task Uploads_get_400_not_supported()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload?userId=dl_demo-ana", token, "{}");
        var body = await DirectLineClient.ReadObjectAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("NotSupported", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("Uploads are not supported by this bot.", body["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/session/getsessionid")]
    [InlineData("GET", "/tokens/generate")]
    [InlineData("DELETE", "/conversations/abc")]
    [InlineData("PUT", "/conversations/abc/activities/abc%7C0000001")]
    public async Task Other_calls_get_a_clear_404(string method, string path)
    {
        var client = await HostAsync();
        using var response = await client.SendAsync(new HttpMethod(method), path, BotHost.DirectLineSecret);

        Assert.Equal("NotSupported", await DirectLineClient.ErrorCodeAsync(response, HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("""{"text":"no type"}""", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("""{"type":"invoke","name":"x"}""", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("""{"type":"message","text":"hi"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    public async Task A_malformed_activity_gets_a_clear_4xx(string body, string contentType, HttpStatusCode expected, string code)
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, body, contentType);

        Assert.Equal(code, await DirectLineClient.ErrorCodeAsync(response, expected));
    }

    [Fact]
    public async Task An_activity_over_the_hosts_size_limit_gets_413()
    {
        var client = await HostAsync(new Dictionary<string, string?> { ["Bot:MaxActivityBytes"] = "4096" });
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        using var response = await client.PostActivityAsync(token, conversationId, DirectLineClient.WebChatMessage(new string('a', 5000)));
        using var generate = await client.SendAsync(HttpMethod.Post, "/tokens/generate", BotHost.DirectLineSecret, new JsonObject { ["user"] = new JsonObject { ["id"] = new string('b', 20_000) } }.ToJsonString());

        Assert.Equal("MessageSizeTooBig", await DirectLineClient.ErrorCodeAsync(response, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("MessageSizeTooBig", await DirectLineClient.ErrorCodeAsync(generate, HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task A_bot_that_fails_gets_502_bot_rejected_activity_and_nothing_is_kept()
    {
        var client = await HostAsync(bot: new WhoIsTalkingBot());
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");

        using var response = await client.PostActivityAsync(token, conversationId, DirectLineClient.WebChatMessage("fail"));
        var feed = await client.GetAllAsync(token, conversationId);

        Assert.Equal("BotRejectedActivity", await DirectLineClient.ErrorCodeAsync(response, HttpStatusCode.BadGateway));
        Assert.Empty(feed.Activities);
    }

    [Fact]
    public async Task Posting_to_a_conversation_that_was_never_started_gets_404()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.GenerateAsync("demo-ana");

        using var post = await client.PostActivityAsync(token, conversationId, DirectLineClient.WebChatMessage("hi"));
        using var get = await client.GetActivitiesResponseAsync(token, conversationId);

        Assert.Equal("ConversationNotFound", await DirectLineClient.ErrorCodeAsync(post, HttpStatusCode.NotFound));
        Assert.Equal("ConversationNotFound", await DirectLineClient.ErrorCodeAsync(get, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task With_the_secret_a_server_starts_a_conversation_for_a_named_user_and_posts_as_that_user()
    {
        var client = await HostAsync(bot: new WhoIsTalkingBot());

        using var start = await client.SendAsync(HttpMethod.Post, "/conversations", BotHost.DirectLineSecret, """{"user":{"id":"dl_demo-grace"}}""");
        var answer = await DirectLineClient.ReadObjectAsync(start, HttpStatusCode.Created);
        var conversationId = answer["conversationId"]!.GetValue<string>();
        using var withoutFrom = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", BotHost.DirectLineSecret, """{"type":"message","text":"hi"}""");
        await client.PostAsync(BotHost.DirectLineSecret, conversationId, DirectLineClient.WebChatMessage("hi", fromId: "demo-grace"));
        var feed = await client.GetAllAsync(answer["token"]!.GetValue<string>(), conversationId);

        Assert.Equal("BadArgument", await DirectLineClient.ErrorCodeAsync(withoutFrom, HttpStatusCode.BadRequest));
        Assert.Equal(WhoIsTalkingBot.Answer("demo-grace"), feed.Activities[^1].Text);
    }
}
