using System.Globalization;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>What the technical help form collects.</summary>
public sealed record TechnicalHelpAnswers(TechnicalStage Stage, string Description);

/// <summary>
/// The technical help request form (cards/techhelp-form.json): the stage and a description, checked again on the
/// server with the service's limits, each error in the chat's words (refusal texts <c>techHelp.*</c>) beside its input.
/// A description that looks like a password or secret is dropped from the submitted values, so it is neither kept in
/// the prompt's state nor shown again.
/// </summary>
public sealed class TechnicalHelpForm(RewardsServices services) : IFormDefinition<TechnicalHelpAnswers>
{
    public const string CardName = "techhelp-form";
    public const string StageInput = "stage";
    public const string DescriptionInput = "description";

    public Activity Render(ITurnContext turnContext, JsonObject values, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var chosenStage = Text(values, StageInput);
        var data = new
        {
            stages = Enum.GetValues<TechnicalStage>().Select(stage => new { title = turnContext.Say("stage." + stage), value = stage.ToString() }).ToList(),
            // Only a stage of the list is shown as chosen: anything else sent (a stale or forged value) is not echoed.
            stage = IsStage(chosenStage) ? chosenStage : string.Empty,
            stageError = errors.GetValueOrDefault(StageInput, string.Empty),
            description = Text(values, DescriptionInput),
            descriptionError = errors.GetValueOrDefault(DescriptionInput, string.Empty),
            maxLength = TechnicalHelpService.MaxDescriptionLength,
        };
        return services.Cards.Message(CardName, data, turnContext.Activity.Locale, turnContext.Say("techHelp.form.text"));
    }

    private static bool IsStage(string name) => Enum.GetNames<TechnicalStage>().Contains(name, StringComparer.Ordinal);

    public FormValidation<TechnicalHelpAnswers> Validate(ITurnContext turnContext, JsonObject values)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var stageName = Text(values, StageInput);
        var stage = IsStage(stageName) ? Enum.Parse<TechnicalStage>(stageName) : (TechnicalStage?)null;
        if (stage is null)
        {
            errors[StageInput] = Refusal(turnContext, TechnicalHelpService.InvalidStage, ("stages", string.Join(",", Enum.GetNames<TechnicalStage>())));
        }

        var description = Text(values, DescriptionInput).Trim();
        if (SecretDetector.LooksLikeSecret(description))
        {
            values.Remove(DescriptionInput); // The prompt keeps these values to draw the card again: not this one.
            errors[DescriptionInput] = turnContext.Say("techHelp.secretInDescription");
        }
        else if (description.Length == 0)
        {
            errors[DescriptionInput] = Refusal(turnContext, TechnicalHelpService.DescriptionRequired);
        }
        else if (description.Length > TechnicalHelpService.MaxDescriptionLength)
        {
            errors[DescriptionInput] = Refusal(
                turnContext,
                TechnicalHelpService.DescriptionTooLong,
                ("maxLength", TechnicalHelpService.MaxDescriptionLength.ToString(CultureInfo.InvariantCulture)),
                ("length", description.Length.ToString(CultureInfo.InvariantCulture)));
        }

        return errors.Count == 0
            ? new FormValidation<TechnicalHelpAnswers> { Value = new TechnicalHelpAnswers(stage!.Value, description) }
            : new FormValidation<TechnicalHelpAnswers> { Errors = errors };
    }

    private string Refusal(ITurnContext turnContext, string code, params (string Name, string Value)[] facts)
        => RefusalText.Describe(turnContext, new Refusal(code, facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal)), services.Catalogue);

    private static string Text(JsonObject values, string key)
        => values[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
