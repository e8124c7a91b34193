using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The data of the marketing contact cards (cards/contact-*.json), written for the chat's language: dates in full,
/// languages by their name in the chat's language. Null values leave their <c>$when</c> parts out of the card.
/// </summary>
internal static class ContactCardData
{
    /// <summary>cards/contact-current.json: the contact's details (none when there is no contact), departed flagged, buttons when allowed.</summary>
    public static object Current(ITurnContext turnContext, MarketingContactInfo info, BenefitCatalogue catalogue, bool canChange)
    {
        var name = info.ContactName ?? info.Contact?.UserId;
        return new
        {
            canChange,
            contact = info.Contact is not { } contact ? null : new
            {
                name,
                email = contact.Email,
                phone = contact.PhoneE164,
                language = catalogue.FindSupportedLanguage(contact.PreferredLanguage) is { } supported
                    ? LanguageName(turnContext, supported)
                    : contact.PreferredLanguage,
                assignedOn = turnContext.FormatDate(contact.AssignedAt),
            },
            warning = info.Contact is null || info.ContactActive ? null : turnContext.Say("contact.current.departedWarning", ("name", name)),
        };
    }

    /// <summary>cards/contact-people.json: one button per person (the first <paramref name="maxShown"/>), and how many more there are.</summary>
    public static object People(ITurnContext turnContext, IReadOnlyList<PartnerUser> candidates, int maxShown) => new
    {
        people = candidates.Take(maxShown).Select(p => new { id = p.Id, name = p.Name }),
        more = candidates.Count > maxShown ? turnContext.Say("contact.person.more", ("count", candidates.Count - maxShown)) : null,
    };

    /// <summary>cards/contact-language.json: the languages the Rewards team writes in, named in the chat's language.</summary>
    public static object Languages(ITurnContext turnContext, IEnumerable<string> cultureNames)
        => new { languages = cultureNames.Select(l => new { title = LanguageName(turnContext, l), value = l }) };

    /// <summary>cards/contact-summary.json: the details to assign, and whom they replace.</summary>
    public static object Summary(ITurnContext turnContext, ContactState values, string? replacedName) => new
    {
        name = values.PersonName,
        email = values.Email,
        phone = values.Phone,
        language = LanguageName(turnContext, values.Language!),
        replaces = replacedName is null ? null : turnContext.Say("contact.summary.replaces", ("name", replacedName)),
    };

    /// <summary>cards/contact-receipt.json: the contact as stored, when, and whom it replaced.</summary>
    public static object Receipt(ITurnContext turnContext, string name, MarketingContact contact, string? replacedName) => new
    {
        name,
        email = contact.Email,
        phone = contact.PhoneE164,
        language = LanguageName(turnContext, contact.PreferredLanguage),
        assignedOn = turnContext.FormatDate(contact.AssignedAt),
        replaced = replacedName is null ? null : turnContext.Say("contact.receipt.replaced", ("name", replacedName)),
    };

    private static string LanguageName(ITurnContext turnContext, string cultureName)
        => LanguageRecognizer.DisplayName(cultureName, turnContext.Activity.Locale);
}
