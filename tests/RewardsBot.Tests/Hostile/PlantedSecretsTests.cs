using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.DirectLine;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Hostile;

/// <summary>
/// Passwords, client secrets and tokens typed into the chat — at the menu, in the middle of a flow, inside card input
/// values, over /api/messages and Direct Line — are refused with a clear reply and appear nowhere: not in any log line
/// (Trace level, every category, ASP.NET Core's included) and not in the SQLite files (.db, -wal, -shm). A planted
/// email and phone number given to the marketing contact flow are stored as the contact but never logged.
/// </summary>
public sealed class PlantedSecretsTests : OwnHostTest
{
    /// <summary>Each planted value is unique, so finding it anywhere means it leaked from this test.</summary>
    public static TheoryData<string, string> Secrets() => new()
    {
        { "labelled password", "password: Zq8!vT3#mK9wLp2x" },
        { "JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLTc3In0.c2lnbmF0dXJlLXBsYW50ZWQtODg" },
        { "Entra client secret", "pLn7Q~kLm9pQrStUvWxYz0123456789abcdefGH" },
        { "GitHub token", "ghp_Pl4nt3dT0k3nAbCdEfGhIjKlMnOpQrStUv12" },
        { "AWS access key id", "AKIAPLANTED7Z3Q9XK2M" },
        { "API key", "sk-pl4nt3dK3yXq9Wm2Zr8Tv5Ys1" },
        { "random-looking token", "my key Gh7Kp2Lm9Qr4St8Vw3Xy" },
    };

    private const string PlantedEmail = "planted.contact.4e7b@contoso-analytics.example";
    private const string PlantedPhoneTyped = "+1 425 555 0177";
    private const string PlantedPhone = "+14255550177";

    public override async Task InitializeAsync() => await StartHostAsync();

    private static string Say(string key, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, "en-US", values);

    /// <summary>The part of a planted text that must never be found (the value, without its label).</summary>
    private static string Marker(string planted) => planted.Split(' ')[^1];

    private static IEnumerable<string> Markers() => Secrets().Select(row => Marker((string)row[1]));

    [Fact]
    public async Task Secrets_typed_at_the_menu_mid_flow_and_in_card_inputs_are_refused_and_stored_and_logged_nowhere()
    {
        var chat = new WireChat(Host, "demo-ana");
        await chat.JoinAsync();

        // At the menu.
        foreach (var planted in Secrets().Select(row => (string)row[1]))
        {
            var replies = await chat.SayAsync(planted);
            Assert.Equal(Say("main.secretRefused"), replies[0].Text);
            Assert.Contains(Say("card.menu.contact"), WireCards.ButtonTitles(WireCards.SingleCard(replies[^1])));
        }

        // In the middle of the marketing contact flow: the email question is asked again.
        var current = await chat.ClickAsync(chat.LastCard, Say("card.menu.contact"));
        var people = await chat.ClickAsync(current[^1], Say("card.contact-current.assign"));
        var emailQuestion = (await chat.ClickAsync(people[^1], "Lena Hoffmann"))[^1].Text;
        Assert.Equal(Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", "partnercenter@contoso-analytics.example")), emailQuestion);
        foreach (var planted in Secrets().Select(row => (string)row[1]))
        {
            var replies = await chat.SayAsync(planted);
            Assert.Equal([Say("main.secretRefused"), emailQuestion], replies.Select(r => r.Text));
        }

        // Inside a card's input value: the language question is asked again.
        await chat.SayAsync(PlantedEmail);
        var languageCard = (await chat.SayAsync(PlantedPhoneTyped))[^1];
        Assert.Equal(Say("contact.language.question", ("name", "Lena Hoffmann")), languageCard.Text);
        foreach (var planted in Secrets().Select(row => (string)row[1]))
        {
            var replies = await chat.ClickAsync(languageCard, Say("card.contact-language.continue"), new Dictionary<string, string> { ["answer"] = planted });
            Assert.Equal(Say("main.secretRefused"), replies[0].Text);
            Assert.Equal(languageCard.Text, replies[^1].Text);
        }

        // The flow goes on with the planted email and phone, which are stored as the contact.
        var summary = await chat.ClickAsync(chat.LastCard, Say("card.contact-language.continue"), new Dictionary<string, string> { ["answer"] = "ja" });
        var receipt = await chat.ClickAsync(summary[^1], Say("card.contact-summary.assign"));
        Assert.Contains(receipt, r => r.Text == Say("contact.assigned", ("name", "Lena Hoffmann")));
        var contact = await Host.Services.GetRequiredService<IRewardsStore>().GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal((PlantedEmail, PlantedPhone), (contact?.Email, contact?.PhoneE164));

        await PlantOverDirectLineAsync();

        SqliteConnection.ClearAllPools();
        var stored = StoredFiles.Read(Folder);
        var logs = Host.Logs.All;
        Assert.True(StoredFiles.Hold(stored, chat.Session.ConversationId), "The conversation's state is not in the files searched."); // so the checks below mean something
        Assert.True(StoredFiles.Hold(stored, PlantedEmail), "The contact's email is not in the files searched.");
        Assert.Contains("Microsoft.AspNetCore", logs, StringComparison.Ordinal); // every category, at Trace, was captured
        Assert.All(Markers(), marker =>
        {
            Assert.False(StoredFiles.Hold(stored, marker), $"{marker} reached the SQLite files.");
            Assert.DoesNotContain(marker, logs, StringComparison.Ordinal);
        });
        Assert.All([PlantedEmail, "contoso-analytics.example", PlantedPhone, PlantedPhoneTyped, "5550177"], planted => Assert.DoesNotContain(planted, logs, StringComparison.Ordinal));
    }

    /// <summary>Over Direct Line: each secret typed at the menu and submitted as a card value, refused in the feed.</summary>
    private async Task PlantOverDirectLineAsync()
    {
        var client = new DirectLineClient(Host);
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        foreach (var planted in Secrets().Select(row => (string)row[1]))
        {
            await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage(planted));
            var submitted = DirectLineClient.WebChatMessage("");
            submitted.Remove("text");
            submitted["value"] = new JsonObject { ["stage"] = "live", ["description"] = planted };
            await client.PostAsync(token, conversationId, submitted);
        }

        var feed = await client.GetAllAsync(token, conversationId);
        Assert.Equal(2 * Secrets().Count, feed.Activities.Count(a => a.Text == Say("main.secretRefused")));
        Assert.All(Markers(), marker => Assert.All(feed.Activities, a => Assert.DoesNotContain(marker, BotJson.Serialize(a), StringComparison.Ordinal)));
    }
}
