using System.Reflection;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.HelpPage;
using RewardsBot.Hosting;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Connector;

namespace RewardsBot.Tests;

/// <summary>appsettings.sample.json at the repository root documents every setting the host binds.</summary>
public sealed class SampleSettingsTests
{
    public static TheoryData<Type, string> BoundOptions() => new()
    {
        { typeof(BotAuthenticationOptions), "" },
        { typeof(BotHostOptions), BotHostOptions.SectionName },
        { typeof(CloudAdapterOptions), "Bot:Adapter" },
        { typeof(ConnectorClientOptions), "Bot:Connector" },
        { typeof(RewardsConversationOptions), RewardsConversationOptions.SectionName },
        { typeof(RewardsOptions), RewardsOptions.SectionName },
        { typeof(HelpPageOptions), HelpPageOptions.SectionName },
        { typeof(HelpPageDirectLineOptions), HelpPageOptions.SectionName + ":DirectLine" },
        { typeof(MessagesThrottleOptions), MessagesThrottleOptions.SectionName },
        { typeof(RewardsBot.DirectLine.DirectLineOptions), RewardsBot.DirectLine.DirectLineOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(BoundOptions))]
    public void Every_setting_of_a_bound_section_is_in_the_sample(Type options, string section)
    {
        var node = section.Split(':', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)Sample(), (at, key) => at?[key]);
        var documented = Assert.IsType<JsonObject>(node);

        var settings = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, name => Assert.True(documented.ContainsKey(name), $"appsettings.sample.json has no '{section}:{name}'."));
    }

    [Fact]
    public void The_sample_emulator_demo_identity_is_the_default()
    {
        var sample = Sample()["Bot"]!["Conversation"]!["EmulatorDemoIdentity"]!.GetValue<string>();

        Assert.Equal(new RewardsConversationOptions().EmulatorDemoIdentity, sample);
    }

    private static JsonObject Sample()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "appsettings.sample.json");
            if (File.Exists(file))
            {
                return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            }
        }

        throw new FileNotFoundException("appsettings.sample.json was not found above the test binaries.");
    }
}
