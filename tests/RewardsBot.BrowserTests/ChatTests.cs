using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RewardsBot.BrowserTests.Infrastructure;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.BrowserTests;

/// <summary>
/// End to end: the help page's Web Chat, over the host's own Direct Line, talking to the real bot with the real
/// Rewards data in SQLite. Each test starts a fresh host (fresh demo data) and clicks and types as a person would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(Chromium chromium) : IAsyncLifetime
{
    private const string LenaEmail = "lena.marketing@contoso-analytics.example";
    private const string LenaPhone = "+1 425 555 0100";
    private readonly TempFolder _folder = new();
    private PageHost _host = null!;

    public async Task InitializeAsync() => _host = await PageHost.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private IRewardsStore Store => _host.Services.GetRequiredService<IRewardsStore>();

    [Fact]
    public async Task Opening_the_chat_shows_the_welcome_card_for_the_default_demo_identity_then_the_menu()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "welcome");

        await session.OpenChatAsync();

        await session.ExpectBotSaysAsync(session.Say("card.welcome.title"));
        await session.ExpectBotSaysAsync(session.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")));
        await session.ExpectBotSaysAsync(session.Say("main.menu.heading"));
        await Assertions.Expect(session.CardButtons(session.Say("card.menu.contact"))).ToBeVisibleAsync();
        await session.ScreenshotAsync("welcome");
        Assert.DoesNotContain(session.Errors, e => e.Contains("CSP", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Ana_assigns_the_marketing_contact_by_clicking_card_buttons_and_typing(string language)
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "contact-" + language);
        await session.ChooseLanguageAsync(language);
        await session.OpenChatAsync();
        await session.ExpectBotSaysAsync(session.Say("card.welcome.title"));

        await session.ClickCardButtonAsync(session.Say("card.menu.contact"));
        await session.ExpectBotSaysAsync(session.Say("contact.current.askAssign"));
        await session.ClickCardButtonAsync(session.Say("card.contact-current.assign"));
        await session.ExpectBotSaysAsync(session.Say("contact.person.question"));
        await session.ScreenshotAsync("people");
        await session.ClickCardButtonAsync("Lena Hoffmann");
        await session.ExpectBotSaysAsync(session.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", "partnercenter@contoso-analytics.example")));
        await session.TypeAsync(LenaEmail);
        await session.ExpectBotSaysAsync(session.Say("contact.phone.question", ("name", "Lena Hoffmann")));
        await session.TypeAsync(LenaPhone);
        await session.ExpectBotSaysAsync(session.Say("contact.language.question", ("name", "Lena Hoffmann")));
        await session.TypeAsync(LanguageRecognizer.DisplayName("ja", session.Locale));
        await session.ExpectBotSaysAsync(session.Say("contact.summary.question", ("name", "Lena Hoffmann")));
        await session.ScreenshotAsync("summary");
        await session.ClickCardButtonAsync(session.Say("card.contact-summary.assign"));

        await session.ExpectBotSaysAsync(session.Say("contact.assigned", ("name", "Lena Hoffmann")));
        await session.ExpectBotSaysAsync(session.Say("card.contact-receipt.title"));
        await session.ScreenshotAsync("receipt");
        var contact = await Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.NotNull(contact);
        Assert.Equal(("u-lena", LenaEmail, "+14255550100", "ja", "u-ana"), (contact.UserId, contact.Email, contact.PhoneE164, contact.PreferredLanguage, contact.AssignedByUserId));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-TW")]
    public async Task Grace_activates_a_benefit_and_gets_a_receipt_with_the_follow_up_date(string language)
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "activate-" + language);
        await session.ChooseLanguageAsync(language);
        await session.ChooseIdentityAsync("demo-grace");
        await session.OpenChatAsync();
        await session.ExpectBotSaysAsync(session.Say("main.welcome.signedInAs", ("name", "Grace Okafor"), ("company", "Northwind Apps")));
        var listingReview = BenefitCatalogue.Default.Find("listing-review")!.TextFor(BotLanguage.FromLocale(session.Locale)).Title;

        await session.ClickCardButtonAsync(session.Say("card.menu.activate"));
        await session.ExpectBotSaysAsync(session.Say("activation.choose.prompt"));
        await session.ClickCardButtonAsync(session.Say("activation.choose.button", ("benefit", listingReview)));
        await session.ExpectBotSaysAsync(session.Say("card.activation-confirm.title"));
        await session.ScreenshotAsync("confirm");
        await session.ClickCardButtonAsync(session.Say("card.activation-confirm.activate"));

        await session.ExpectBotSaysAsync(session.Say("card.activation-receipt.title"));
        var activation = Assert.Single(await Store.ListActivationsAsync("northwind", CancellationToken.None));
        Assert.Equal(("listing-review", "u-grace"), (activation.BenefitId, activation.ActivatedByUserId));
        Assert.Equal(activation.ActivatedAt.AddDays(7), activation.FollowUpDue);
        var followUpDue = activation.FollowUpDue.UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(session.Locale)));
        await session.ExpectBotSaysAsync(session.Say("activation.done", ("benefit", listingReview), ("contact", "Olivier Lambert"), ("followUpDue", followUpDue)));
        await session.ScreenshotAsync("receipt");
    }

    [Fact]
    public async Task A_page_refresh_resumes_the_same_conversation_with_its_history_and_its_question()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "resume");
        await session.OpenChatAsync();
        await session.ExpectBotSaysAsync(session.Say("card.welcome.title"));
        await session.ClickCardButtonAsync(session.Say("card.menu.contact"));
        await session.ExpectBotSaysAsync(session.Say("contact.current.askAssign"));
        var conversationId = await session.Panel.GetAttributeAsync("data-conversation-id");
        Assert.False(string.IsNullOrEmpty(conversationId));

        await session.ReloadAsync();

        await session.WaitUntilConnectedAsync();
        Assert.Equal(conversationId, await session.Panel.GetAttributeAsync("data-conversation-id"));
        await session.ExpectBotSaysAsync(session.Say("contact.current.askAssign"));
        await session.ExpectBotSaysAsync(session.Say("card.welcome.title"));
        await session.ScreenshotAsync("resumed");
        // The conversation goes on where it was: the waiting question takes the click.
        await session.ClickCardButtonAsync(session.Say("card.contact-current.assign"));
        await session.ExpectBotSaysAsync(session.Say("contact.person.question"));
    }

    [Fact]
    public async Task Choosing_another_demo_identity_starts_a_new_conversation_as_that_person()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "switch");
        await session.OpenChatAsync();
        await session.ExpectBotSaysAsync(session.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")));
        var first = await session.Panel.GetAttributeAsync("data-conversation-id");
        var kenji = DemoData.Identities.Single(i => i.Id == "demo-kenji");

        await session.ChooseIdentityAsync(kenji.Id);

        await session.WaitUntilConnectedAsync();
        await session.ExpectBotSaysAsync(session.Say("main.welcome.signedInAs", ("name", kenji.DisplayName), ("company", kenji.CompanyName)));
        Assert.NotEqual(first, await session.Panel.GetAttributeAsync("data-conversation-id"));
        await session.ExpectBotNeverSaidAsync(session.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")));
    }
}
