using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Tests.Conversation;

public sealed class ChatIdentityReaderTests
{
    private static ChatIdentityClaim? Read(string channel, string? userId, bool emulatorAllowed = true, string? aadObjectId = null, JsonNode? channelData = null)
        => ChatIdentityReader.Read(
            new Activity { ChannelId = channel, From = new ChannelAccount { Id = userId, AadObjectId = aadObjectId }, ChannelData = channelData },
            emulatorAllowed,
            "demo-ana",
            id => id.StartsWith("demo-", StringComparison.Ordinal));

    [Theory]
    [InlineData(Channels.DirectLine, "dl_demo-kenji", "demo-kenji")]
    [InlineData(Channels.Webchat, "dl_demo-kenji", "demo-kenji")]
    [InlineData(Channels.DirectLine, "demo-kenji", "demo-kenji")]
    [InlineData(Channels.DirectLine, "dl_", null)]
    [InlineData(Channels.DirectLine, "", null)]
    public void Direct_line_users_are_read_from_the_token_bound_id_with_or_without_its_prefix(string channel, string userId, string? expected)
    {
        var claim = Read(channel, userId);

        Assert.Equal(expected, (claim as DirectLineIdentityClaim)?.UserId);
    }

    [Fact]
    public void Teams_users_need_both_the_object_id_and_the_tenant()
    {
        var tenant = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "t-1" } };

        Assert.Equal(new TeamsIdentityClaim("o-1", "t-1"), Read(Channels.Msteams, "29:x", aadObjectId: "o-1", channelData: tenant));
        Assert.Null(Read(Channels.Msteams, "29:x", aadObjectId: "o-1"));
        Assert.Null(Read(Channels.Msteams, "29:x", channelData: tenant));
    }

    [Fact]
    public void The_emulator_talks_as_a_demo_identity_only_without_authentication()
    {
        Assert.Equal(new EmulatorIdentityClaim("demo-kenji"), Read(Channels.Emulator, "demo-kenji"));
        Assert.Equal(new EmulatorIdentityClaim("demo-ana"), Read(Channels.Emulator, "someone"));
        Assert.Null(Read(Channels.Emulator, "demo-kenji", emulatorAllowed: false));
        Assert.Null(Read("slack", "demo-kenji"));
    }
}
