using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;

namespace RewardsBot.Runtime.Tests.Builder;

public class TurnContextTests
{
    private static Activity Incoming(string type = ActivityTypes.Message, string channelId = Channels.Msteams) => new()
    {
        Type = type,
        Id = "in-1",
        ChannelId = channelId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Locale = "zh-TW",
        From = new ChannelAccount { Id = "29:user", Name = "Mei", AadObjectId = "aad-1" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "RewardsBot" },
        Conversation = new ConversationAccount { Id = "a:conv", ConversationType = "personal", TenantId = "tenant-1" },
    };

    [Fact]
    public async Task Sending_fills_the_addressing_from_the_incoming_activity()
    {
        var adapter = new TestAdapter();
        var turn = new TurnContext(adapter, Incoming());

        await turn.SendActivityAsync("hello");
        var sent = adapter.GetNextReply()!;

        Assert.Equal(("28:bot", RoleTypes.Bot), (sent.From!.Id, sent.From.Role));
        Assert.Equal(("29:user", "aad-1"), (sent.Recipient!.Id, sent.Recipient.AadObjectId));
        Assert.Equal(("a:conv", "tenant-1"), (sent.Conversation!.Id, sent.Conversation.TenantId));
        Assert.Equal("in-1", sent.ReplyToId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", sent.ServiceUrl);
        Assert.Equal(Channels.Msteams, sent.ChannelId);
        Assert.Equal("zh-TW", sent.Locale);
        Assert.Equal(InputHints.AcceptingInput, sent.InputHint);
        Assert.True(turn.Responded);
    }

    [Fact]
    public async Task What_the_sender_set_is_kept()
    {
        var adapter = new TestAdapter();
        var turn = new TurnContext(adapter, Incoming());

        await turn.SendActivityAsync(new Activity { Text = "x", Locale = "fr-FR", ReplyToId = "other" });
        var sent = adapter.GetNextReply()!;

        Assert.Equal(("fr-FR", "other"), (sent.Locale, sent.ReplyToId));
    }

    [Theory]
    [InlineData(Channels.DirectLine)]
    [InlineData(Channels.Webchat)]
    public async Task Replies_to_a_direct_line_conversation_update_go_to_the_conversation(string channelId)
    {
        var adapter = new TestAdapter();
        var turn = new TurnContext(adapter, Incoming(ActivityTypes.ConversationUpdate, channelId));

        await turn.SendActivityAsync("welcome");

        Assert.Null(adapter.GetNextReply()!.ReplyToId);
    }

    [Fact]
    public async Task Typing_does_not_count_as_responding()
    {
        var turn = new TurnContext(new TestAdapter(), Incoming());

        await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing });

        Assert.False(turn.Responded);
    }

    [Fact]
    public async Task Update_needs_the_id_of_the_sent_activity_and_delete_reaches_the_adapter()
    {
        var adapter = new TestAdapter();
        var turn = new TurnContext(adapter, Incoming());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => turn.UpdateActivityAsync(new Activity { Text = "new" }));
        await turn.UpdateActivityAsync(new Activity { Id = "card-1", Text = "read-only summary" });
        await turn.DeleteActivityAsync("card-2");

        Assert.Contains("Activity.Id", error.Message, StringComparison.Ordinal);
        Assert.Equal("read-only summary", adapter.Updated["card-1"].Text);
        Assert.Equal(["card-2"], adapter.Deleted);
    }
}
