using System.Globalization;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Dialogs.Content;

/// <summary>
/// Says why the domain refused something: the text <c>refusal.&lt;code&gt;</c> of dialogs/refusal.*.json, its
/// placeholders filled from the refusal's facts, with roles, listing types, benefits, dates and amounts written in
/// the chat language.
/// </summary>
public static class RefusalText
{
    public static string Describe(ITurnContext turnContext, Refusal refusal, BenefitCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(catalogue);
        var values = refusal.Facts
            .Select(fact => (fact.Key, (object?)Fact(turnContext, fact.Key, fact.Value, catalogue)))
            .ToArray();
        return turnContext.Say("refusal." + refusal.Code, values);
    }

    /// <summary>The localized name of a Partner Center role (<c>role.&lt;PartnerRole&gt;</c>).</summary>
    public static string Role(ITurnContext turnContext, string role) => turnContext.Say("role." + role);

    private static string Fact(ITurnContext turnContext, string name, string value, BenefitCatalogue catalogue) => name switch
    {
        "roles" => turnContext.JoinOr(Split(value).Select(role => Role(turnContext, role)).ToList()),
        "role" => Role(turnContext, value),
        "holders" or "requesters" => value.Length == 0 ? turnContext.Say("common.nobodyYet") : value,
        "listingTypes" or "liveListingTypes" => value.Length == 0
            ? turnContext.Say("common.none")
            : turnContext.JoinOr(Split(value).Select(type => turnContext.Say("listingType." + type)).ToList()),
        "benefitId" => catalogue.Benefits.FirstOrDefault(b => b.Id == value)?.TextFor(turnContext.Language()).Title ?? value,
        "expiredAt" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? turnContext.FormatDate(at) : value,
        "neededSalesUsd" or "countedSalesUsd" => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? turnContext.FormatUsd(amount) : value,
        "reasons" => turnContext.JoinAnd(Split(value).Select(code => Reason(turnContext, code)).ToList()),
        "stages" => turnContext.JoinOr(Split(value).Select(stage => turnContext.Say("stage." + stage)).ToList()),
        "state" => turnContext.Say("tenantState." + value),
        _ => value,
    };

    /// <summary>A short name for an eligibility gap (<c>eligibility.noLiveOffer</c> and <c>noLiveOffer</c> alike).</summary>
    public static string Reason(ITurnContext turnContext, string code)
    {
        const string prefix = "eligibility.";
        return turnContext.Say("reason." + (code.StartsWith(prefix, StringComparison.Ordinal) ? code[prefix.Length..] : code));
    }

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
