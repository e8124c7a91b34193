using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Tests.Conversation;

/// <summary>Free text → topic, with the keywords of dialogs/main.*.json (every language's keywords are tried).</summary>
public sealed class TopicRecognitionTests
{
    [Theory]
    // English
    [InlineData("Am I eligible?", Topics.Eligibility)]
    [InlineData("what are the requirements for Rewards", Topics.Eligibility)]
    [InlineData("show my benefits", Topics.Benefits)]
    [InlineData("I want to activate a benefit", Topics.Activate)]
    [InlineData("how do I activate my benefits?", Topics.Activate)] // not "benefits": activating them is the point
    [InlineData("who is our marketing contact?", Topics.Contact)]
    [InlineData("change the phone number of our contact", Topics.Contact)]
    [InlineData("I need technical help with a deployment", Topics.TechnicalHelp)]
    [InlineData("I can't see Marketplace Rewards", Topics.Tenant)]
    [InlineData("I can’t see my benefits", Topics.Tenant)] // typographic apostrophe; the longest keyword wins over "benefits"
    [InlineData("how do I associate another Entra tenant", Topics.Tenant)]
    [InlineData("nobody contacted us after go-live", Topics.FollowUp)]
    [InlineData("our offer went live two months ago and we heard nothing", Topics.FollowUp)]
    // French
    [InlineData("Suis-je éligible ?", Topics.Eligibility)]
    [InlineData("quels sont les critères d'admissibilité", Topics.Eligibility)]
    [InlineData("afficher mes avantages", Topics.Benefits)]
    [InlineData("je voudrais activer un avantage", Topics.Activate)]
    [InlineData("Comment activer mes avantages ?", Topics.Activate)]
    [InlineData("changer le contact marketing de l'entreprise", Topics.Contact)]
    [InlineData("besoin d'une assistance technique pour le déploiement", Topics.TechnicalHelp)]
    [InlineData("je ne vois pas Marketplace Rewards", Topics.Tenant)]
    [InlineData("associer un autre locataire", Topics.Tenant)]
    [InlineData("notre offre est en ligne depuis deux mois et personne ne nous a contactés", Topics.FollowUp)]
    [InlineData("aucune nouvelle après la mise en ligne", Topics.FollowUp)]
    [InlineData("JE NE VOIS PAS LES RECOMPENSES", Topics.Tenant)] // no accents, capitals
    // Traditional Chinese
    [InlineData("我符合資格嗎？", Topics.Eligibility)]
    [InlineData("我想查看我的權益", Topics.Benefits)]
    [InlineData("我要啟用一項權益", Topics.Activate)]
    [InlineData("變更行銷連絡人", Topics.Contact)]
    [InlineData("需要部署方面的技術協助", Topics.TechnicalHelp)]
    [InlineData("我看不到 Marketplace Rewards", Topics.Tenant)]
    [InlineData("如何關聯租用戶", Topics.Tenant)]
    [InlineData("供應項目上線後沒有人聯絡我們", Topics.FollowUp)]
    public void Words_in_any_language_name_their_topic(string text, string expected)
    {
        Assert.Equal(expected, Topics.Recognize(text, BotTexts.Default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the weather in Lisbon")]
    [InlineData("quel temps fait-il à Lyon")]
    [InlineData("今天天氣如何")]
    [InlineData("please deactivate it")] // keywords match at the start of a word only
    public void Text_without_a_keyword_names_no_topic(string? text)
    {
        Assert.Null(Topics.Recognize(text, BotTexts.Default));
    }

    [Fact]
    public void Very_long_text_names_no_topic()
    {
        Assert.Null(Topics.Recognize("activate " + new string('x', 500), BotTexts.Default));
    }

    /// <summary>Some channels show card buttons as text the user retypes; a menu title must lead to its own topic.</summary>
    [Fact]
    public void Every_menu_title_typed_back_names_its_own_topic()
    {
        foreach (var language in BotLanguage.All)
        {
            foreach (var topic in Topics.All)
            {
                var title = BotTexts.Default.Get("card.menu." + topic, language);
                Assert.True(topic == Topics.Recognize(title, BotTexts.Default), $"{language}: \"{title}\" does not lead to {topic}.");
            }
        }
    }

    [Fact]
    public void Keywords_are_not_a_language_name_or_a_command_word()
    {
        // Language names and help/cancel/start-over words are handled before topics; a keyword equal to one would never route.
        string[] reserved = ["english", "francais", "中文", "help", "aide", "說明", "cancel", "annuler", "取消", "start over", "recommencer", "重新開始"];
        foreach (var language in BotLanguage.All)
        {
            foreach (var topic in Topics.All)
            {
                foreach (var keyword in BotTexts.Default.Get("main.keywords." + topic, language).Split('|'))
                {
                    Assert.False(string.IsNullOrWhiteSpace(keyword), $"{language}: main.keywords.{topic} has an empty alternative.");
                    Assert.DoesNotContain(keyword.Trim().ToLowerInvariant(), reserved);
                }
            }
        }
    }
}
