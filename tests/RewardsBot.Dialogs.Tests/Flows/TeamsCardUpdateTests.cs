using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing.Schemas;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

/// <summary>In Teams a submitted form card is replaced by a read-only summary (update activity); elsewhere it is not.</summary>
public sealed class TeamsCardUpdateTests(ITestOutputHelper output)
{
    private const string AnaObjectId = "a1f0c2d3-0001-4a00-8000-00000000a0a1";
    private const string ContosoTenant = "2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001";

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_submitted_technical_help_form_is_replaced_by_its_read_only_summary_in_teams(string locale)
    {
        using var bot = new BotTestClient(output, Channels.Msteams, locale);
        bot.UseTeamsIdentity(AnaObjectId, ContosoTenant);
        await bot.InitializeAsync();
        await bot.JoinAsync();
        var form = CardQueries.WithCard(await bot.SayAsync(bot.Say("card.menu.techHelp")));
        const string Description = "Review the deployment plan of our SaaS offer";

        var receipt = await bot.ClickAsync(form, bot.Say("card.techhelp-form.submit"), new Dictionary<string, string> { ["stage"] = "Deployment", ["description"] = Description });

        Assert.Contains(receipt, r => CardQueries.Texts(r).Contains(bot.Say("card.techhelp-receipt.title")));
        var updated = Assert.Single(bot.Adapter.Updated);
        Assert.Equal(form.Id, updated.Key);
        var summary = updated.Value;
        ReplyChecks.Check(summary);
        Assert.Empty(CardQueries.InputIds(summary));
        Assert.Empty(CardQueries.ButtonTitles(summary));
        var texts = CardQueries.Texts(summary);
        Assert.Contains(bot.Say("stage.Deployment"), texts);
        Assert.Contains(Description, texts);
        Assert.Contains("\u2713 " + bot.Say("card.techhelp-form.submit"), texts);
        Assert.True(new AdaptiveCardValidator().Validate(CardQueries.Cards(summary).Single()).IsValid);
    }

    [Fact]
    public async Task Web_chat_cards_are_not_updated_the_stale_click_answer_protects_them()
    {
        using var bot = new BotTestClient(output, Channels.Webchat);
        await bot.InitializeAsync();
        await bot.JoinAsync();
        var form = CardQueries.WithCard(await bot.SayAsync(bot.Say("card.menu.techHelp")));
        var inputs = new Dictionary<string, string> { ["stage"] = "Design", ["description"] = "Architecture review" };

        await bot.ClickAsync(form, bot.Say("card.techhelp-form.submit"), inputs);
        var again = await bot.ClickAsync(form, bot.Say("card.techhelp-form.submit"), inputs);

        Assert.Empty(bot.Adapter.Updated);
        Assert.Equal(bot.Say("runtime.cardNoLongerActive"), again[0].Text);
        Assert.Single(await bot.Store.ListTechnicalHelpRequestsAsync("contoso", CancellationToken.None));
    }
}
