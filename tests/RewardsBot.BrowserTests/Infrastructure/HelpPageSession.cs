using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RewardsBot.Dialogs.Content;

namespace RewardsBot.BrowserTests.Infrastructure;

/// <summary>
/// One person on the help page in chromium: picks the page language and the demo identity, opens the chat, reads what
/// the bot says, clicks card buttons and types, as a user would. Expected words come from the page's own i18n files
/// and the bot's dialogs/ texts, never from sentences written in the tests. Collects CSP violations and script errors.
/// </summary>
public sealed class HelpPageSession : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly IBrowserContext _context;
    private readonly string _name;
    private int _shots;

    private HelpPageSession(IBrowserContext context, IPage page, string name)
    {
        _context = context;
        Page = page;
        _name = name;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Errors.Add("page error: " + error);
    }

    public IPage Page { get; }

    /// <summary>Script errors, failed resources and Content-Security-Policy violations seen so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The chat language of the page's current language (what Web Chat sends as the activities' locale).</summary>
    public string Locale { get; private set; } = "en-US";

    public static async Task<HelpPageSession> OpenAsync(Chromium chromium, PageHost host, string name, int width = 1280)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        ArgumentNullException.ThrowIfNull(host);
        var context = await chromium.NewContextAsync(width: width);
        context.SetDefaultTimeout((float)ReplyTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var session = new HelpPageSession(context, page, name);
        // CSP violations reach the page as events; keep them where the test can read them.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await session.GoToAsync(host.Address);
        return session;
    }

    public async Task GoToAsync(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        await Page.GotoAsync(address.AbsoluteUri);
        await Assertions.Expect(Page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>Reloads the page (a person pressing F5) and waits until it is ready again.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await Assertions.Expect(Page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
    }

    public ILocator Panel => Page.Locator("#chat-panel");

    public ILocator Transcript => Page.Locator("#webchat");

    /// <summary>Picks the page language in the selector (en, fr, zh-TW); the chat follows it.</summary>
    public async Task ChooseLanguageAsync(string language)
    {
        await Page.Locator("#language").SelectOptionAsync(language);
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        Locale = language switch { "fr" => "fr-FR", "zh-TW" => "zh-TW", _ => "en-US" };
    }

    public Task ChooseIdentityAsync(string demoIdentityId) => Page.Locator("#identity").SelectOptionAsync(demoIdentityId);

    /// <summary>Opens the chat panel from its button and waits until Web Chat is connected.</summary>
    public async Task OpenChatAsync()
    {
        await Page.Locator("#open-chat").ClickAsync();
        await WaitUntilConnectedAsync();
    }

    public async Task WaitUntilConnectedAsync()
    {
        await Assertions.Expect(Panel).ToBeVisibleAsync();
        await Assertions.Expect(Panel).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(Page.Locator("[data-id='webchat-sendbox-input']")).ToBeVisibleAsync();
    }

    public string Say(string key, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, Locale, values);

    /// <summary>Waits until the transcript shows <paramref name="text"/>, in a bubble or a card.</summary>
    public Task ExpectBotSaysAsync(string text)
        => Assertions.Expect(Transcript.GetByText(AsRendered(text)).Filter(new LocatorFilterOptions { Visible = true }).Last)
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds });

    /// <summary>Checks that the transcript does not show <paramref name="text"/> anywhere.</summary>
    public Task ExpectBotNeverSaidAsync(string text)
        => Assertions.Expect(Transcript.GetByText(AsRendered(text))).ToHaveCountAsync(0);

    /// <summary>
    /// The bot's text as Web Chat's markdown shows it: straight quotes may become typographic ones and three dots an
    /// ellipsis; whitespace is normalised by Playwright.
    /// </summary>
    private static Regex AsRendered(string text)
    {
        var pattern = Regex.Escape(text.Normalize())
            .Replace("\\ ", "\\s+", StringComparison.Ordinal)
            .Replace("\\n", "\\s+", StringComparison.Ordinal)
            .Replace("'", "['‘’]", StringComparison.Ordinal)
            .Replace("\"", "[\"“”]", StringComparison.Ordinal)
            .Replace("\\.\\.\\.", "(?:\\.\\.\\.|…)", StringComparison.Ordinal);
        return new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary>Clicks the newest card button titled <paramref name="title"/> (older cards keep theirs).</summary>
    public async Task ClickCardButtonAsync(string title)
    {
        var button = CardButtons(title).Last;
        await button.ScrollIntoViewIfNeededAsync();
        await button.ClickAsync();
    }

    /// <summary>The Adaptive Card buttons titled <paramref name="title"/> (not Web Chat's hidden screen-reader copies).</summary>
    public ILocator CardButtons(string title)
        => Transcript.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title, Exact = true }).And(Transcript.Locator(".ac-pushButton"));

    /// <summary>Types a message in Web Chat's send box and sends it with Enter.</summary>
    public async Task TypeAsync(string message)
    {
        var input = Page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(message);
        await input.PressAsync("Enter");
        // Sent means echoed back by Direct Line (Web Chat shows "Send failed" otherwise).
        await Assertions.Expect(Transcript.GetByText(message, new LocatorGetByTextOptions { Exact = true }).Last).ToBeVisibleAsync();
    }

    /// <summary>Saves a screenshot of the page as a test artefact: TestResults/screenshots/{test}-{n}-{step}.png.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var folder = PageHost.Metadata("ScreenshotFolder");
        Directory.CreateDirectory(folder);
        var last = Transcript.Locator(".webchat__basic-transcript__activity").Last;
        if (await last.CountAsync() > 0)
        {
            await last.ScrollIntoViewIfNeededAsync();
        }

        var file = Path.Combine(folder, $"{_name}-{++_shots:00}-{Regex.Replace(step, "[^A-Za-z0-9-]+", "-")}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        return file;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
