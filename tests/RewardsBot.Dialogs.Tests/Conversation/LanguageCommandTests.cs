using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Tests.Conversation;

public sealed class LanguageCommandTests
{
    [Theory]
    [InlineData("français", "en-US", BotLanguage.French)]
    [InlineData("Francais", "zh-TW", BotLanguage.French)]
    [InlineData("French", "en-US", BotLanguage.French)]
    [InlineData("English", "fr-FR", BotLanguage.English)]
    [InlineData("anglais", "fr-FR", BotLanguage.English)]
    [InlineData("中文", "en-US", BotLanguage.TraditionalChinese)]
    [InlineData("繁體中文", "fr-FR", BotLanguage.TraditionalChinese)]
    public void A_message_that_is_only_a_language_name_asks_for_that_language(string text, string locale, string expected)
    {
        Assert.Equal(expected, LanguageCommand.Detect(new Activity { Type = ActivityTypes.Message, Text = text, Locale = locale }));
    }

    [Theory]
    [InlineData("I would like to talk about the French market")]
    [InlineData("je voudrais activer un avantage")]
    [InlineData("Deutsch")] // a language the bot does not speak
    [InlineData("")]
    public void Other_messages_are_not_a_language_switch(string text)
    {
        Assert.Null(LanguageCommand.Detect(new Activity { Type = ActivityTypes.Message, Text = text, Locale = "en-US" }));
    }

    [Fact]
    public void The_welcome_cards_language_button_asks_for_its_language()
    {
        var click = new Activity { Type = ActivityTypes.Message, Value = LanguageCommand.ButtonData(BotLanguage.TraditionalChinese), Locale = "en-US" };

        Assert.Equal(BotLanguage.TraditionalChinese, LanguageCommand.Detect(click));
    }
}
