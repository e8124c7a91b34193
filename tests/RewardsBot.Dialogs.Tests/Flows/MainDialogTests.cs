using RewardsBot.Dialogs.Tests.Support;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class MainDialogTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Joining_shows_the_welcome_card_then_the_menu(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await bot.InitializeAsync();

        var replies = await bot.JoinAsync();

        Assert.Equal(2, replies.Count);
        Assert.Contains(bot.Say("card.welcome.title"), CardQueries.Texts(replies[0]));
        Assert.Contains(bot.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")), CardQueries.Texts(replies[0]));
        Assert.Contains(bot.Say("card.menu.activate"), CardQueries.ButtonTitles(replies[1]));
    }

    [Fact]
    public async Task Unknown_text_gets_the_menu_not_an_error()
    {
        using var bot = new BotTestClient(output);
        await bot.InitializeAsync();
        await bot.JoinAsync();

        var replies = await bot.SayAsync("the weather in Lisbon");

        var menu = Assert.Single(replies);
        Assert.Equal(bot.Say("main.menu.notUnderstood"), menu.Text);
        Assert.Contains(bot.Say("card.menu.eligibility"), CardQueries.ButtonTitles(menu));
    }
}
