using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class TechnicalHelpDialogTests(ITestOutputHelper output)
{
    private const string Contoso = "contoso";
    private static readonly string[] RewardsRoles = ["role.PartnerAdmin", "role.AdminAgent", "role.GlobalAdmin"];
    private static readonly string[] Stages = ["Presales", "Design", "Deployment", "ApplicationDevelopment"];

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_form_without_description_comes_back_with_the_error_then_a_valid_request_is_stored_with_a_receipt(string locale)
    {
        using var bot = await StartAsync(locale, "demo-ana");
        var form = Form(bot, await OpenTechnicalHelpAsync(bot));
        Assert.Equal(["stage", "description"], CardQueries.InputIds(form));

        var retry = await Submit(bot, form, new() { ["stage"] = "Deployment" });

        var again = Assert.Single(retry);
        Assert.Equal(bot.Say("runtime.form.hasErrors"), again.Text);
        Assert.Contains(bot.Say("refusal.techHelp.descriptionRequired"), CardQueries.Texts(again));
        Assert.Equal("Deployment", Input(again, "stage")?["value"]?.GetValue<string>());
        Assert.Empty(await Requests(bot));

        var done = await Submit(bot, again, new() { ["stage"] = "Deployment", ["description"] = "  We need help sizing AKS for a customer pilot.\n" });

        var request = Assert.Single(await Requests(bot));
        Assert.Equal(("u-ana", TechnicalStage.Deployment, "We need help sizing AKS for a customer pilot.", RequestStatus.Submitted), (request.RequestedByUserId, request.Stage, request.Description, request.Status));
        var receipt = done.Single(r => CardQueries.Texts(r).Contains(bot.Say("card.techhelp-receipt.title")));
        Assert.Equal(bot.Say("techHelp.receipt.text"), receipt.Text);
        var texts = CardQueries.Texts(receipt);
        Assert.Contains(request.Id, texts);
        Assert.Contains(bot.Say("stage.Deployment"), texts);
        Assert.Contains(request.CreatedAt.UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(locale))), texts);
        Assert.Contains(bot.Say("techHelp.status.Submitted"), texts);
        Assert.Contains(bot.Say("card.techhelp-receipt.sponsorship"), texts);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_developer_is_refused_before_the_form_with_the_role_and_who_holds_it(string locale)
    {
        using var bot = await StartAsync(locale, "demo-kenji");

        var replies = await OpenTechnicalHelpAsync(bot);

        var roles = RewardsRoles.Select(key => bot.Say(key)).ToList();
        var joined = string.Join(bot.Say("common.separator"), roles.Take(2)) + bot.Say("common.or") + roles[2];
        Assert.Equal(bot.Say("refusal.auth.roleRequired", ("roles", joined), ("holders", "Ana Ribeiro, Lena Hoffmann, Sara Lindqvist, Tomás Herrera")), replies[0].Text);
        Assert.DoesNotContain(replies, reply => IsForm(bot, reply));
        Assert.Empty(await Requests(bot));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_company_without_an_open_technical_benefit_is_refused_before_the_form(string locale)
    {
        using var bot = await StartAsync(locale, "demo-claire");

        var replies = await OpenTechnicalHelpAsync(bot);

        var service = new TechnicalHelpService(bot.Store, BenefitCatalogue.Default, bot.Clock);
        var refusal = (await service.RequestAsync("u-claire", "adatum", TechnicalStage.Presales, "Help", CancellationToken.None)).Refusal!;
        Assert.Equal(RewardsRefusalCodes.BenefitNotEligible, refusal.Code);
        Assert.Equal(RefusalText.Describe(TurnIn(bot), refusal, BenefitCatalogue.Default), replies[0].Text);
        Assert.DoesNotContain(replies, reply => IsForm(bot, reply));
        Assert.Empty(await bot.Store.ListTechnicalHelpRequestsAsync("adatum", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Typed_text_instead_of_the_form_gets_the_form_again(string locale)
    {
        using var bot = await StartAsync(locale, "demo-ana");
        await OpenTechnicalHelpAsync(bot);

        var replies = await bot.SayAsync("We need help with AKS");

        var again = Assert.Single(replies);
        Assert.Equal(bot.Say("runtime.form.useTheCard"), again.Text);
        Assert.True(IsForm(bot, again));
        Assert.Empty(await Requests(bot));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Cancel_on_the_form_stops_without_a_request(string locale)
    {
        using var bot = await StartAsync(locale, "demo-ana");
        var form = Form(bot, await OpenTechnicalHelpAsync(bot));

        // Nothing was answered yet, so the Cancel button cancels at once and the menu comes back.
        var cancelled = await bot.ClickAsync(form, bot.Say("card.techhelp-form.cancel"));

        Assert.Equal(bot.Say("runtime.cancel.done"), cancelled[0].Text);
        Assert.Contains(bot.Say("card.menu.techHelp"), CardQueries.ButtonTitles(cancelled[^1]));
        Assert.Empty(await Requests(bot));
    }

    [Fact]
    public async Task A_description_over_the_limit_is_refused_with_both_lengths()
    {
        using var bot = await StartAsync("en-US", "demo-ana");
        var form = Form(bot, await OpenTechnicalHelpAsync(bot));
        var max = TechnicalHelpService.MaxDescriptionLength;
        Assert.Equal(max, Input(form, "description")?["maxLength"]?.GetValue<long>());

        var retry = await Submit(bot, form, new() { ["stage"] = "Design", ["description"] = new string('x', max + 1) });

        Assert.Contains(bot.Say("refusal.techHelp.descriptionTooLong", ("length", max + 1), ("maxLength", max)), CardQueries.Texts(Assert.Single(retry)));
        Assert.Empty(await Requests(bot));
    }

    [Fact]
    public async Task A_stage_that_is_not_on_the_list_is_refused()
    {
        using var bot = await StartAsync("en-US", "demo-ana");
        var form = Form(bot, await OpenTechnicalHelpAsync(bot));

        var retry = await Submit(bot, form, new() { ["stage"] = "eligibility ${stage}", ["description"] = "Help" });

        var stages = Stages.Select(s => bot.Say("stage." + s)).ToList();
        var joined = string.Join(bot.Say("common.separator"), stages.Take(3)) + bot.Say("common.or") + stages[3];
        Assert.Contains(bot.Say("refusal.techHelp.invalidStage", ("stages", joined)), CardQueries.Texts(Assert.Single(retry)));
        Assert.Equal(string.Empty, Input(Form(bot, retry), "stage")?["value"]?.GetValue<string>()); // the unknown value is not shown again
        Assert.Empty(await Requests(bot));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Secrets_typed_in_the_chat_or_in_the_form_are_refused_and_never_stored(string locale)
    {
        const string Password = "Hunter2!x";
        const string Key = "sk-Zq4Tn8Lw2Rv6Yx1Bc5Hd9Kf3";
        using var bot = await StartAsync(locale, "demo-ana");
        await OpenTechnicalHelpAsync(bot);

        var typed = await bot.SayAsync("my password is " + Password);

        Assert.Equal(bot.Say("main.secretRefused"), typed[0].Text);
        var form = Form(bot, typed);
        var retry = await Submit(bot, form, new() { ["stage"] = "Presales", ["description"] = "Our key is " + Key });
        Assert.Equal(bot.Say("main.secretRefused"), retry[0].Text);
        var again = CardQueries.WithCard(retry);
        Assert.Equal(string.Empty, Input(again, "description")?["value"]?.GetValue<string>() ?? string.Empty);

        await Submit(bot, again, new() { ["stage"] = "Presales", ["description"] = "Pricing review of our SaaS offer" });
        Assert.Single(await Requests(bot));
        SqliteConnection.ClearAllPools();
        var wal = bot.DatabasePath + "-wal";
        byte[] stored = [.. File.ReadAllBytes(bot.DatabasePath), .. File.Exists(wal) ? File.ReadAllBytes(wal) : []];
        Assert.True(Contains(stored, "Pricing review of our SaaS offer"), "The scan must see what the service stored.");
        Assert.False(Contains(stored, Password), "The password reached the SQLite file.");
        Assert.False(Contains(stored, Key), "The key reached the SQLite file.");
    }

    [Fact]
    public async Task A_restart_while_the_form_waits_keeps_the_question()
    {
        using var bot = await StartAsync("en-US", "demo-ana");
        var form = Form(bot, await OpenTechnicalHelpAsync(bot));

        bot.Restart();
        var done = await Submit(bot, form, new() { ["stage"] = "ApplicationDevelopment", ["description"] = "Review our API design" });

        Assert.Contains(done, r => CardQueries.Texts(r).Contains(bot.Say("card.techhelp-receipt.title")));
        Assert.Equal(TechnicalStage.ApplicationDevelopment, Assert.Single(await Requests(bot)).Stage);
    }

    private async Task<BotTestClient> StartAsync(string locale, string identity)
    {
        var bot = new BotTestClient(output, locale: locale, userId: identity);
        await bot.InitializeAsync();
        await bot.JoinAsync();
        return bot;
    }

    private static async Task<IReadOnlyList<Activity>> OpenTechnicalHelpAsync(BotTestClient bot)
    {
        var menu = await bot.SayAsync("hello");
        return await bot.ClickAsync(CardQueries.WithCard(menu), bot.Say("card.menu.techHelp"));
    }

    private static Task<IReadOnlyList<Activity>> Submit(BotTestClient bot, Activity form, Dictionary<string, string> inputs)
        => bot.ClickAsync(form, bot.Say("card.techhelp-form.submit"), inputs);

    private static bool IsForm(BotTestClient bot, Activity reply) => CardQueries.Texts(reply).Contains(bot.Say("card.techhelp-form.title"));

    private static Activity Form(BotTestClient bot, IEnumerable<Activity> replies) => replies.Single(reply => IsForm(bot, reply));

    private static JsonObject? Input(Activity card, string id)
        => CardQueries.Cards(card).SelectMany(c => c["body"]!.AsArray()).OfType<JsonObject>().FirstOrDefault(o => o["id"]?.GetValue<string>() == id);

    private static Task<IReadOnlyList<TechnicalHelpRequest>> Requests(BotTestClient bot) => bot.Store.ListTechnicalHelpRequestsAsync(Contoso, CancellationToken.None);

    /// <summary>A turn in the chat's language, to word a refusal as the bot does.</summary>
    private static TurnContext TurnIn(BotTestClient bot)
    {
        var turn = new TurnContext(bot.Adapter, bot.Adapter.MakeActivity());
        turn.TurnState.Set<ITextCatalog>(BotTestClient.Texts);
        return turn;
    }

    private static bool Contains(byte[] stored, string text)
        => stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || stored.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
