using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RewardsBot.BrowserTests.Infrastructure;
using RewardsBot.Rewards.Demo;

namespace RewardsBot.BrowserTests;

/// <summary>
/// The help page itself in chromium: its words in three languages, the demo identity picker, the Web Chat bundle from
/// npm, the Content-Security-Policy, the side panel and the keyboard. (The conversation is in <see cref="ChatTests"/>.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HelpPageTests(Chromium chromium) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private PageHost _host = null!;

    public async Task InitializeAsync() => _host = await PageHost.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_page_opens_in_English_with_Web_Chat_loaded_and_demo_ana_signed_in_as_demo_data()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "page-en");
        var en = PageTexts("en");

        await Assertions.Expect(session.Page).ToHaveTitleAsync(en["meta.title"]);
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync(en["hero.title"]);
        await Assertions.Expect(session.Page.Locator("label[for=identity] .demo-badge")).ToHaveTextAsync(en["identity.demoBadge"]);
        var options = session.Page.Locator("#identity option");
        await Assertions.Expect(options).ToHaveCountAsync(DemoData.Identities.Count);
        Assert.Equal(DemoData.Identities.Select(i => i.Id), await options.EvaluateAllAsync<string[]>("all => all.map(o => o.value)"));
        await Assertions.Expect(session.Page.Locator("#identity")).ToHaveValueAsync("demo-ana");
        await Assertions.Expect(session.Page.Locator("#identity-shows")).ToHaveTextAsync(DemoData.Identities[0].Shows);
        Assert.Equal("function", await session.Page.EvaluateAsync<string>("typeof window.WebChat?.renderWebChat"));
        Assert.Equal("function", await session.Page.EvaluateAsync<string>("typeof window.WebChat?.createDirectLine"));
        await session.ScreenshotAsync("loaded");
        Assert.True(session.Errors.Count == 0, string.Join(Environment.NewLine, session.Errors));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh-TW")]
    public async Task Choosing_a_language_translates_every_text_of_the_page_and_is_remembered(string language)
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "page-" + language);
        var texts = PageTexts(language);
        Assert.Equal(PageTexts("en").Select(t => t.Key).Order(), texts.Select(t => t.Key).Order());

        await session.ChooseLanguageAsync(language);

        await AssertPageSpeaksAsync(session.Page, texts);
        await session.ScreenshotAsync("translated");
        await session.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await AssertPageSpeaksAsync(session.Page, texts);
        Assert.True(session.Errors.Count == 0, string.Join(Environment.NewLine, session.Errors));
    }

    [Fact]
    public async Task Choosing_another_demo_identity_shows_what_it_demonstrates()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "picker");
        var grace = DemoData.Identities.Single(i => i.Id == "demo-grace");

        await session.ChooseIdentityAsync(grace.Id);

        await Assertions.Expect(session.Page.Locator("#identity-shows")).ToHaveTextAsync(grace.Shows);
        await Assertions.Expect(session.Page.Locator("#chat-who")).ToContainTextAsync(grace.DisplayName);
    }

    [Fact]
    public async Task The_page_has_a_content_security_policy_without_inline_scripts_or_eval_and_nothing_on_it_breaks_it()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "csp");
        var response = await session.Page.GotoAsync(_host.Address.AbsoluteUri);
        await Assertions.Expect(session.Page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.True(session.Errors.Count == 0, string.Join(Environment.NewLine, session.Errors));

        // Control: the policy is enforced and its violations are seen, so the empty list above means something.
        await session.Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        await Assertions.Expect(session.Page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        Assert.Null(await session.Page.EvaluateAsync<int?>("window.injected ?? null"));
        await WaitForAsync(() => session.Errors.Any(e => e.Contains("CSP violation", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_chat_panel_opens_and_closes_with_the_keyboard_and_gives_the_focus_back()
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, "keyboard");
        var page = session.Page;

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Locator("#open-chat").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(session.Panel).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#open-chat")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator("#close-chat")).ToHaveAttributeAsync("aria-label", PageTexts("en")["chat.close"]);
        await page.Locator("#close-chat").FocusAsync();
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(session.Panel).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#open-chat")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#open-chat")).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Theory]
    [InlineData(1280, "fixed")]
    [InlineData(480, "static")]
    public async Task The_chat_is_a_side_panel_on_wide_screens_and_inline_on_narrow_ones(int width, string position)
    {
        await using var session = await HelpPageSession.OpenAsync(chromium, _host, $"layout-{width}", width);

        await session.Page.Locator("#open-chat").ClickAsync();

        await Assertions.Expect(session.Panel).ToBeVisibleAsync();
        Assert.Equal(position, await session.Panel.EvaluateAsync<string>("p => getComputedStyle(p).position"));
        var panel = (await session.Panel.BoundingBoxAsync())!;
        var button = (await session.Page.Locator("#open-chat").BoundingBoxAsync())!;
        if (position == "fixed")
        {
            Assert.Equal(width, panel.X + panel.Width, 1);
            Assert.True(panel.X > button.X + button.Width, "the side panel is right of the page text");
        }
        else
        {
            Assert.True(panel.Y > button.Y + button.Height, "the inline chat is under the button that opened it");
            Assert.True(panel.Width <= width);
        }

        await session.ScreenshotAsync("panel");
    }

    /// <summary>The page's words for a language: wwwroot/i18n/{language}.json.</summary>
    internal static Dictionary<string, string> PageTexts(string language)
        => JsonNode.Parse(File.ReadAllText(Path.Combine(PageHost.WebRoot, "i18n", language + ".json")))!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static async Task AssertPageSpeaksAsync(IPage page, Dictionary<string, string> texts)
    {
        await Assertions.Expect(page).ToHaveTitleAsync(texts["meta.title"]);
        var shown = await page.Locator("[data-i18n]").EvaluateAllAsync<string[][]>("all => all.map(e => [e.getAttribute('data-i18n'), e.textContent])");
        Assert.NotEmpty(shown);
        Assert.All(shown, pair => Assert.Equal(texts[pair[0]], pair[1]));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
