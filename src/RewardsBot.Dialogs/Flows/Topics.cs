using System.Runtime.CompilerServices;
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

    private static readonly ConditionalWeakTable<ITextCatalog, IReadOnlyList<(string Topic, string Keyword)>> KeywordTables = new();

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
        foreach (var (topic, keyword) in KeywordsOf(texts))
        {
            if (keyword.Length > bestLength && Contains(said, keyword))
            {
                best = topic;
                bestLength = keyword.Length;
            }
        }

        return best;
    }

    /// <summary>Every topic's keywords of every language, normalized once per catalog.</summary>
    private static IReadOnlyList<(string Topic, string Keyword)> KeywordsOf(ITextCatalog texts)
        => KeywordTables.GetValue(texts, catalog => [.. All.SelectMany(topic => BotLanguage.All
            .SelectMany(language => catalog.Get("main.keywords." + topic, language).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(TextNormalizer.Normalize)
            .Where(keyword => keyword.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(keyword => (topic, keyword)))]);

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
