using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;
using static RewardsBot.Runtime.Tests.Dialogs.DialogTestSupport;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>Each prompt type with valid, invalid and localised answers, run as the only step of a waterfall.</summary>
public class PromptTests(ITestOutputHelper output)
{
    /// <summary>A waterfall that asks once with <paramref name="prompt"/> and ends with the answer.</summary>
    private static ComponentDialog AskOnce(Dialog prompt, PromptOptions options)
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("ask", [(step, ct) => step.PromptAsync(prompt.Id, options, ct), (step, ct) => step.EndDialogAsync(step.Result, ct)]));
        root.AddDialog(prompt);
        return root;
    }

    private static PromptOptions Ask(string text = "Question?") => new() { Prompt = Activity.CreateMessageActivity(text) };

    private async Task<object?> AnswerAsync(Dialog prompt, string answer, string locale = "en-US", PromptOptions? options = null)
    {
        var client = Client(AskOnce(prompt, options ?? Ask()), output, locale);
        await client.SendActivityAsync("start");
        var reply = await client.SendActivityAsync(answer);
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Null(reply);
        return client.DialogTurnResult.Result;
    }

    private async Task<string> RefusedAsync(Dialog prompt, string answer, string locale = "en-US", PromptOptions? options = null)
    {
        var client = Client(AskOnce(prompt, options ?? Ask()), output, locale);
        await client.SendActivityAsync("start");
        var reply = await client.SendActivityAsync(answer);
        Assert.Null(client.GetNextReply()); // exactly one reply per failed attempt
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult!.Status);
        return reply!.Text!;
    }

    [Theory]
    [InlineData("Contoso Ltd", "en-US")]
    [InlineData("Société Générale", "fr-FR")]
    [InlineData("台灣微軟", "zh-TW")]
    public async Task Text_prompt_returns_what_was_typed(string answer, string locale)
        => Assert.Equal(answer, await AnswerAsync(new TextPrompt("text"), answer, locale));

    [Theory]
    [InlineData("yes", "en-US", true)]
    [InlineData("No thanks", "en-US", false)]
    [InlineData("oui", "fr-FR", true)]
    [InlineData("Non", "fr-CA", false)]
    [InlineData("是", "zh-TW", true)]
    [InlineData("不要", "zh-TW", false)]
    public async Task Confirm_prompt_reads_yes_and_no_in_three_languages(string answer, string locale, bool expected)
        => Assert.Equal(expected, await AnswerAsync(new ConfirmPrompt("confirm"), answer, locale));

    [Theory]
    [InlineData("en-US", "Please answer yes or no.")]
    [InlineData("fr-FR", "Veuillez répondre par oui ou par non.")]
    [InlineData("zh-TW", "請回答是或否。")]
    public async Task Confirm_prompt_retries_in_the_chats_language(string locale, string expected)
        => Assert.Equal(expected, await RefusedAsync(new ConfirmPrompt("confirm"), "maybe later perhaps", locale));

    [Fact]
    public async Task Confirm_prompt_offers_localised_yes_and_no_buttons()
    {
        var client = Client(AskOnce(new ConfirmPrompt("confirm"), Ask()), output, "fr-FR");

        var prompt = await client.SendActivityAsync("start");

        Assert.Equal(["Oui", "Non"], prompt!.SuggestedActions!.Actions!.Select(a => a.Title));
        Assert.Equal(InputHints.ExpectingInput, prompt.InputHint);
    }

    private static PromptOptions ChoiceOptions(ListStyle style = ListStyle.Auto) => new()
    {
        Prompt = Activity.CreateMessageActivity("Which benefit?"),
        Style = style,
        Choices =
        [
            new Choice("marketing-contact") { Title = "Marketing contact", Synonyms = ["contact", "contact marketing", "行銷連絡人"] },
            new Choice("marketing-campaign") { Title = "Marketing campaign" },
            new Choice("azure-sponsorship") { Title = "Azure sponsorship" },
        ],
    };

    [Theory]
    [InlineData("marketing-contact", "en-US", 0)]
    [InlineData("Azure sponsorship", "en-US", 2)]
    [InlineData("contact marketing", "fr-FR", 0)]
    [InlineData("行銷連絡人", "zh-TW", 0)]
    [InlineData("2", "en-US", 1)]
    [InlineData("the third one", "en-US", 2)]
    [InlineData("deuxième", "fr-FR", 1)]
    [InlineData("第三個", "zh-TW", 2)]
    [InlineData("sponsorship", "en-US", 2)]
    public async Task Choice_prompt_matches_value_title_synonym_number_ordinal_and_unambiguous_part(string answer, string locale, int index)
    {
        var found = Assert.IsType<FoundChoice>(await AnswerAsync(new ChoicePrompt("choice"), answer, locale, ChoiceOptions()));
        Assert.Equal(index, found.Index);
    }

    [Fact]
    public async Task Choice_prompt_asks_which_one_when_the_answer_fits_several()
    {
        var retry = await RefusedAsync(new ChoicePrompt("choice"), "marketing", options: ChoiceOptions());

        Assert.Contains("Marketing contact", retry, StringComparison.Ordinal);
        Assert.Contains("Marketing campaign", retry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choice_prompt_refuses_an_out_of_range_number()
        => Assert.Equal(Text(PromptText.ChoiceRetry), await RefusedAsync(new ChoicePrompt("choice"), "7", options: ChoiceOptions()));

    [Fact]
    public async Task Choice_prompt_shows_buttons_or_a_card()
    {
        var buttons = await Client(AskOnce(new ChoicePrompt("choice"), ChoiceOptions()), output).SendActivityAsync("start");
        var card = await Client(AskOnce(new ChoicePrompt("choice"), ChoiceOptions(ListStyle.Card)), output).SendActivityAsync("start");
        var teams = await Client(AskOnce(new ChoicePrompt("choice"), ChoiceOptions()), output, channelId: Channels.Msteams).SendActivityAsync("start");

        Assert.Equal(3, buttons!.SuggestedActions!.Actions!.Count);
        Assert.Equal(ContentTypes.AdaptiveCard, Assert.Single(card!.Attachments!).ContentType);
        Assert.NotNull(teams!.SuggestedActions);
    }

    [Theory]
    [InlineData("42", "en-US", 42)]
    [InlineData("1,234", "en-US", 1234)]
    [InlineData("1 234", "fr-FR", 1234)]
    [InlineData("twenty-one", "en-US", 21)]
    [InlineData("vingt et un", "fr-FR", 21)]
    [InlineData("二十一", "zh-TW", 21)]
    public async Task Number_prompt_reads_digits_and_words(string answer, string locale, int expected)
        => Assert.Equal(expected, await AnswerAsync(new NumberPrompt<int>("number"), answer, locale));

    [Theory]
    [InlineData("2,5", "fr-FR", 2.5)]
    [InlineData("2.5", "en-US", 2.5)]
    public async Task Number_prompt_reads_decimals_in_the_users_culture(string answer, string locale, double expected)
        => Assert.Equal((decimal)expected, await AnswerAsync(new NumberPrompt<decimal>("number"), answer, locale));

    [Theory]
    [InlineData("many")]
    [InlineData("2.5")]
    [InlineData("99999999999999")]
    public async Task Number_prompt_refuses_what_does_not_fit_an_int(string answer)
        => Assert.Equal(Text(PromptText.NumberRetry), await RefusedAsync(new NumberPrompt<int>("number"), answer));

    [Theory]
    [InlineData(" Ana.Lopez@Contoso.COM ", "Ana.Lopez@contoso.com")]
    [InlineData("mailto:ana@contoso.com", "ana@contoso.com")]
    public async Task Email_prompt_returns_a_normalised_address(string answer, string expected)
        => Assert.Equal(expected, await AnswerAsync(new EmailPrompt("email"), answer));

    [Theory]
    [InlineData("ana at contoso")]
    [InlineData("Help Desk Inc")]
    public async Task Email_prompt_refuses_what_is_not_an_address(string answer)
        => Assert.Equal(Text(PromptText.EmailRetry), await RefusedAsync(new EmailPrompt("email"), answer));

    [Theory]
    [InlineData("+1 (425) 555-0100", "en-US", "+14255550100")]
    [InlineData("425.555.0100", "en-US", "+14255550100")]
    [InlineData("00 33 1 23 45 67 89", "en-US", "+33123456789")]
    [InlineData("+886 2 1234 5678", "fr-FR", "+886212345678")]
    [InlineData("01 23 45 67 89", "fr-FR", "+33123456789")]
    [InlineData("02 1234 5678", "zh-TW", "+886212345678")]
    public async Task Phone_prompt_reads_what_people_type_and_returns_e164(string answer, string locale, string expected)
        => Assert.Equal(expected, await AnswerAsync(new PhoneNumberPrompt("phone"), answer, locale));

    [Theory]
    [InlineData("+33 1 23", "en-US", PromptText.PhoneTooShort)]
    [InlineData("+33 1 23 45 67 89 10 11", "en-US", PromptText.PhoneTooLong)]
    [InlineData("call me", "en-US", PromptText.PhoneNotANumber)]
    [InlineData("+33 1 23", "fr-FR", PromptText.PhoneTooShort)]
    [InlineData("+33 1 23", "zh-TW", PromptText.PhoneTooShort)]
    public async Task Phone_prompt_says_why_a_number_is_refused(string answer, string locale, string reason)
        => Assert.Equal(Text(reason, locale), await RefusedAsync(new PhoneNumberPrompt("phone"), answer, locale));

    [Fact]
    public async Task Phone_prompt_uses_a_given_region_for_national_numbers()
        => Assert.Equal("+886212345678", await AnswerAsync(new PhoneNumberPrompt("phone", defaultRegion: "TW"), "02 1234 5678", "en-US"));

    [Theory]
    [InlineData("French", "en-US", "fr")]
    [InlineData("français", "en-US", "fr")]
    [InlineData("法文", "zh-TW", "fr")]
    [InlineData("fr-CA", "en-US", "fr-CA")]
    [InlineData("anglais", "fr-FR", "en")]
    public async Task Language_prompt_reads_names_in_several_languages_and_tags(string answer, string locale, string expected)
        => Assert.Equal(expected, await AnswerAsync(new LanguagePrompt("language"), answer, locale));

    [Fact]
    public async Task Language_prompt_offers_its_list_with_names_in_the_chats_language()
    {
        var options = Ask("Preferred language?");
        options.Choices = [new Choice("en"), new Choice("fr")];
        var client = Client(AskOnce(new LanguagePrompt("language"), options), output, "fr-FR");

        var prompt = await client.SendActivityAsync("start");

        Assert.Equal(2, prompt!.SuggestedActions!.Actions!.Count);
        Assert.Contains(prompt.SuggestedActions.Actions, a => a.Title!.StartsWith("fran", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(prompt.SuggestedActions.Actions, a => a.Title!.StartsWith("anglais", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Prompt_without_options_is_refused_with_a_fix()
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("ask", [(step, ct) => step.BeginDialogAsync("text", "not options", ct)]));
        root.AddDialog(new TextPrompt("text"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client(root, output).SendActivityAsync("start"));
        Assert.Contains("PromptOptions", error.Message, StringComparison.Ordinal);
    }
}
