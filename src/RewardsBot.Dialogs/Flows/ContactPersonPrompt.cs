using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// Asks who becomes the marketing contact, among the users of the company's Partner Center account given as
/// <see cref="PromptOptions.Choices"/> (value: user id, title: name). The answer is a click on a person's button, or a
/// typed name: the full name or some of its names ("Ana", "ribeiro", "tomas herrera"), ignoring case and accents.
/// Several matches ask which one; nobody (or the "not in the list" button) says how to add the person in Account
/// settings first, and shows the list again.
/// </summary>
public sealed class ContactPersonPrompt(string dialogId) : Prompt<Choice>(dialogId)
{
    /// <summary>The answer of the card's "not in the list" button.</summary>
    public const string NotListedAnswer = "notListed";

    protected override Task<PromptRecognizerResult<Choice>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(submission);
        var people = options.Choices ?? [];
        var clicked = submission.Text is null ? submission.StringValue(CardSubmission.AnswerKey) : null;
        if (clicked == NotListedAnswer)
        {
            return Failure(turnContext.Say("contact.person.notListed"));
        }

        if (clicked is not null && people.FirstOrDefault(p => p.Value == clicked) is { } person)
        {
            return Task.FromResult(PromptRecognizerResult.Success(person));
        }

        if (submission.Text is not { } typed)
        {
            return Failure(turnContext.Say("contact.person.retry"));
        }

        var matches = Match(typed, people);
        return matches.Count switch
        {
            1 => Task.FromResult(PromptRecognizerResult.Success(matches[0])),
            0 => Failure(turnContext.Say("contact.person.notFound")),
            _ => Failure(turnContext.Say("contact.person.ambiguous", ("names", turnContext.JoinOr([.. matches.Select(m => m.DisplayText)])))),
        };
    }

    /// <summary>
    /// The people <paramref name="typed"/> names, best rule first: the whole name; every word typed is one of a
    /// person's names; a full name inside a sentence ("assign Ana Ribeiro"); a first name inside a sentence.
    /// </summary>
    public static IReadOnlyList<Choice> Match(string typed, IReadOnlyList<Choice> people)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(people);
        var said = NormalizedWords.Of(typed);
        if (said.Count == 0)
        {
            return [];
        }

        var named = people.Select(p => (Person: p, Names: NormalizedWords.Of(p.DisplayText))).Where(p => p.Names.Count > 0).ToList();
        var saidText = " " + string.Join(' ', said) + " ";
        IEnumerable<Func<IReadOnlyList<string>, bool>> rules =
        [
            names => names.SequenceEqual(said),
            names => said.All(names.Contains),
            names => saidText.Contains(" " + string.Join(' ', names) + " ", StringComparison.Ordinal),
            names => said.Contains(names[0]),
        ];
        foreach (var rule in rules)
        {
            var found = named.Where(p => rule(p.Names)).Select(p => p.Person).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    private static Task<PromptRecognizerResult<Choice>> Failure(string retryText)
        => Task.FromResult(PromptRecognizerResult.Failure<Choice>(retryText));
}
