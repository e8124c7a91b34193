using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>What the bot can do, as menu entries and as keywords people type in any of the three languages.</summary>
public static class Topics
{
    public const string Eligibility = "eligibility";
    public const string Benefits = "benefits";
    public const string Activate = "activate";
    public const string Contact = "contact";
    public const string TechnicalHelp = "techHelp";
    public const string Tenant = "tenant";
    public const string FollowUp = "followUp";

    /// <summary>In menu order.</summary>
    public static IReadOnlyList<string> All { get; } = [Eligibility, Benefits, Activate, Contact, TechnicalHelp, Tenant, FollowUp];

    /// <summary>
    /// The topic whose keyword (text <c>main.keywords.&lt;topic&gt;</c>, alternatives separated by <c>|</c>) occurs in
    /// <paramref name="text"/>, trying every language; the longest keyword wins, so "can't see rewards" beats "rewards".
    /// Latin keywords match at the start of a word ("activ" matches "activation"); Chinese ones anywhere.
    /// </summary>
    public static string? Recognize(string? text, ITextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            return null;
        }

        var said = " " + TextNormalizer.Normalize(text) + " ";
        string? best = null;
        var bestLength = 0;
        foreach (var topic in All)
        {
            foreach (var language in BotLanguage.All)
            {
                foreach (var keyword in texts.Get("main.keywords." + topic, language).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var normalized = TextNormalizer.Normalize(keyword);
                    if (normalized.Length > bestLength && Contains(said, normalized))
                    {
                        best = topic;
                        bestLength = normalized.Length;
                    }
                }
            }
        }

        return best;
    }

    private static bool Contains(string said, string keyword)
    {
        if (keyword[0] > '\u2E7F')
        {
            return said.Contains(keyword, StringComparison.Ordinal); // CJK: no spaces between words
        }

        for (var at = said.IndexOf(keyword, StringComparison.Ordinal); at >= 0; at = said.IndexOf(keyword, at + 1, StringComparison.Ordinal))
        {
            if (!char.IsLetterOrDigit(said[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
