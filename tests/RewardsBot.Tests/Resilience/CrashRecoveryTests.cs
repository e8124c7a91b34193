using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;
using static RewardsBot.Tests.Resilience.ScriptedChat;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// The built host as a child process under a load of conversations that change Rewards data, killed with SIGKILL
/// while turns are in flight, three times, and restarted on the same SQLite file: every conversation goes on from
/// the step it was at (the turn in flight is sent again with the same activity id), and every change a receipt
/// acknowledged is in the file exactly once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const string Contoso = "contoso";
    private const string Northwind = "northwind";

    /// <summary>Contoso's active users: every (actor, person) pair is one conversation, so each assignment is traceable.</summary>
    private static readonly string[] ContosoPeople = ["Ana Ribeiro", "Lena Hoffmann", "Marc Dubois", "Kenji Watanabe", "Sara Lindqvist", "Tomás Herrera"];

    private static readonly string[] ContosoActors = ["demo-ana", "demo-lena"];

    private static readonly Dictionary<string, string> UserIds = new(StringComparer.Ordinal)
    {
        ["Ana Ribeiro"] = "u-ana", ["Lena Hoffmann"] = "u-lena", ["Marc Dubois"] = "u-marc", ["Kenji Watanabe"] = "u-kenji",
        ["Sara Lindqvist"] = "u-sara", ["Tomás Herrera"] = "u-tomas", ["demo-ana"] = "u-ana", ["demo-lena"] = "u-lena", ["demo-grace"] = "u-grace",
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killed_three_times_under_load_every_conversation_goes_on_and_every_acknowledged_change_is_stored_once()
    {
        var chats = new List<ScriptedChat>();
        chats.AddRange(ContosoActors.SelectMany(actor => ContosoPeople.Select(person => ContactChat(actor, person))));
        chats.AddRange(Enumerable.Range(0, 12).Select(i => TechnicalHelpChat(i % 2 == 0 ? "demo-ana" : "demo-lena", i)));
        chats.Add(ActivationChat("demo-grace", "listing-review"));
        chats.Add(ActivationChat("demo-grace", "social-amplification"));
        chats.Add(ActivationChat("demo-ana", "listing-review"));
        chats.Add(ActivationChat("demo-lena", "social-amplification"));
        chats.Add(ActivationChat("demo-ana", "press-release-support"));
        chats.Add(ActivationChat("demo-lena", "customer-case-study"));
        var totalTurns = chats.Sum(c => c.StepCount);

        // Contoso needs a marketing contact before its benefits can be activated: one conversation assigns it first.
        await using (var first = await HostProcess.StartAsync(_folder))
        {
            var setup = ContactChat("demo-ana", "Lena Hoffmann", phone: "+14255550100");
            await setup.RunAsync(first.Client, () => { });
            Assert.True(setup.Done, first.Output);
        }

        var acknowledged = 0;
        for (var kill = 1; kill <= 3; kill++)
        {
            // Killed after a fifth, two fifths and three fifths of the turns: early (joins), mid-flow, near receipts.
            var killAfter = totalTurns * kill / 5;
            await using var host = await HostProcess.StartAsync(_folder);
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = chats.Select(chat => Task.Run(() => chat.RunAsync(host.Client, () =>
            {
                if (Interlocked.Increment(ref acknowledged) >= killAfter)
                {
                    reached.TrySetResult();
                }
            }))).ToList();
            var all = Task.WhenAll(runs);
            await Task.WhenAny(reached.Task, all);

            var inFlightAtKill = chats.Count(c => !c.Done);
            host.Kill();
            try
            {
                await all; // every conversation returns: done, or its turn in flight failed with the host
            }
            catch
            {
                output.WriteLine(host.Output);
                throw;
            }
            output.WriteLine($"Killed after {Volatile.Read(ref acknowledged)} acknowledged turns of {totalTurns}; {chats.Count(c => c.InFlight is not null)} turns in flight, {inFlightAtKill} conversations unfinished");
        }

        await using (var last = await HostProcess.StartAsync(_folder))
        {
            await Task.WhenAll(chats.Select(chat => Task.Run(() => chat.RunAsync(last.Client, () => Interlocked.Increment(ref acknowledged)))));
            Assert.All(chats, chat => Assert.True(chat.Done, $"{chat.Name} stopped at step {chat.Acknowledged}\n{last.Output}"));
        }

        var resent = chats.SelectMany(c => c.Resent.Select(r => (c.Name, r.Step, r.Answered, r.Replies))).ToList();
        foreach (var r in resent)
        {
            output.WriteLine($"re-sent {r.Name} / {r.Step}: {(r.Answered ? "its answer" : "OTHER: " + r.Replies)}");
        }

        Assert.NotEmpty(resent);
        Assert.All(resent, r => Assert.True(r.Answered, $"{r.Name} / {r.Step}: {r.Replies}"));
        await AssertStoredOnceAsync(chats);
    }

    private async Task AssertStoredOnceAsync(List<ScriptedChat> chats)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={HostProcess.DatabaseFile(_folder)};Mode=ReadOnly");
        await connection.OpenAsync();

        // Marketing contact: one history row per (actor, person) conversation, plus the set-up's.
        var history = await RowsAsync(connection, "SELECT changed_by_user_id || '>' || new_user_id FROM rewards_marketing_contact_history WHERE company_id = $c", Contoso);
        foreach (var chat in chats.Where(c => c.Noted.ContainsKey("contact")))
        {
            var expected = chat.Noted["contact"] == "u-ana>u-lena" ? 2 : 1;
            Assert.Equal(expected, history.Count(h => h == chat.Noted["contact"]));
        }

        Assert.Single(await RowsAsync(connection, "SELECT company_id FROM rewards_marketing_contacts WHERE company_id = $c", Contoso));

        // Technical help: each request, by its description, once, with the id its receipt gave.
        var requests = await RowsAsync(connection, "SELECT description || '#' || id FROM rewards_technical_help_requests WHERE company_id = $c", Contoso);
        foreach (var chat in chats.Where(c => c.Noted.ContainsKey("description")))
        {
            var stored = Assert.Single(requests, r => r.StartsWith(chat.Noted["description"] + "#", StringComparison.Ordinal));
            Assert.Equal(chat.Noted["description"] + "#" + chat.Noted["requestId"], stored);
        }

        // Activation: every acknowledged one stored, one row and one audit entry per benefit and company.
        var activations = await RowsAsync(connection, "SELECT company_id || '/' || benefit_id FROM rewards_activations WHERE company_id IN ($c, 'northwind')", Contoso);
        Assert.Equal(activations.Count, activations.Distinct(StringComparer.Ordinal).Count());
        foreach (var chat in chats.Where(c => c.Noted.ContainsKey("activated")))
        {
            Assert.Contains(chat.Noted["activated"], activations);
        }

        var audited = await RowsAsync(connection, "SELECT company_id FROM rewards_audit WHERE action = 'benefit.activate' AND company_id IN ($c, 'northwind')", Contoso);
        Assert.Equal(activations.Count, audited.Count);
        output.WriteLine($"Stored: {history.Count} contact changes, {requests.Count} technical help requests, {activations.Count} activations");
    }

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string sql, string company)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", company);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static ChatStep Join() => new(
        "join",
        chat => chat.Session.ConversationUpdate(),
        replies => HasButton(replies, Text("card.menu.contact")));

    /// <summary>Marketing contact: menu, Assign or Change, the person, email, phone, language, Assign user → receipt.</summary>
    private static ScriptedChat ContactChat(string actor, string person, string? phone = null)
    {
        var number = 100 + Array.IndexOf(ContosoPeople, person) + (actor == "demo-lena" ? 10 : 0);
        var email = $"marketing.{number}@contoso-analytics.example";
        return new ScriptedChat($"contact {actor} → {person}", actor, [
            Join(),
            new("open", chat => chat.Click(Text("card.menu.contact")), replies => ShowsCard(replies, Text("card.contact-current.title"))),
            new("assign", chat => chat.Click(HasButton(chat.LastReplies, Text("card.contact-current.assign")) ? Text("card.contact-current.assign") : Text("card.contact-current.change")),
                replies => Says(replies, Text("contact.person.question"))),
            new("person", chat => chat.Click(person), replies => Says(replies, TextBefore("contact.email.question"))),
            new("email", chat => chat.Say(email), replies => Says(replies, TextBefore("contact.phone.question"))),
            new("phone", chat => chat.Say(phone ?? "+1 425 555 0" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)), replies => Says(replies, TextBefore("contact.language.question"))),
            new("language", chat => chat.Click(Text("card.contact-language.continue"), new Dictionary<string, string> { ["answer"] = "ja" }),
                replies => Says(replies, TextBefore("contact.summary.question"))),
            new("confirm", chat => chat.Click(Text("card.contact-summary.assign")), replies => ShowsCard(replies, Text("card.contact-receipt.title")),
                (chat, _) => chat.Noted["contact"] = UserIds[actor] + ">" + UserIds[person]),
        ]);
    }

    /// <summary>Technical help: menu, the form submitted with a description of its own → receipt with the request id.</summary>
    private static ScriptedChat TechnicalHelpChat(string actor, int index)
    {
        var description = $"Crash test request {index}: we need help sizing AKS for a pilot.";
        return new ScriptedChat($"technical help {index} by {actor}", actor, [
            Join(),
            new("open", chat => chat.Click(Text("card.menu.techHelp")), replies => ShowsCard(replies, Text("card.techhelp-form.title"))),
            new("submit", chat => chat.Click(Text("card.techhelp-form.submit"), new Dictionary<string, string> { ["stage"] = "Deployment", ["description"] = description }),
                replies => ShowsCard(replies, Text("card.techhelp-receipt.title")),
                (chat, replies) =>
                {
                    chat.Noted["description"] = description;
                    chat.Noted["requestId"] = replies.SelectMany(WireCards.Cards).SelectMany(WireCards.Facts)
                        .Single(f => f.Title == Text("card.techhelp-receipt.requestId")).Value;
                }),
        ]);
    }

    /// <summary>
    /// Activation of a benefit no other conversation activates: "activate", its Activate button, Activate → receipt
    /// (or, for a confirmation the host had stored just before it was killed, "already active" when sent again).
    /// </summary>
    private static ScriptedChat ActivationChat(string actor, string benefit)
    {
        var company = actor == "demo-grace" ? Northwind : Contoso;
        return new ScriptedChat($"activation of {benefit} by {actor}", actor, [
            Join(),
            new("choose", chat => chat.Say("activate"), replies => Says(replies, Text("activation.choose.prompt"))),
            new("benefit", chat =>
                {
                    var (reply, button) = chat.LastReplies.SelectMany(r => WireCards.Cards(r).SelectMany(WireCards.Submits).Select(s => (r, s)))
                        .Single(b => b.s["data"]?["answer"]?.GetValue<string>() == benefit);
                    return chat.Click(reply, button);
                },
                replies => ShowsCard(replies, Text("card.activation-confirm.title"))),
            new("activate", chat => chat.Click(Text("card.activation-confirm.activate")),
                replies => ShowsCard(replies, Text("card.activation-receipt.title"))
                    || replies.Any(r => r.Text?.Contains(LongestLiteral("activation.alreadyActive"), StringComparison.Ordinal) == true),
                (chat, _) => chat.Noted["activated"] = company + "/" + benefit),
        ]);
    }

    private static bool HasButton(IReadOnlyList<Activity> replies, string title)
        => replies.Any(r => WireCards.Cards(r).Any(c => WireCards.ButtonTitles(c).Contains(title)));
}
