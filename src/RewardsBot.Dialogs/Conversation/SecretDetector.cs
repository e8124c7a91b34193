using System.Text.RegularExpressions;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>
/// Recognises a password, secret or token typed into the chat (DOMAIN.md rule 7), so the bot can refuse it before
/// any dialog reads, stores or repeats it. Deliberately biased towards refusing: a false alarm costs the user one
/// retype; a leaked password costs much more. Tenant ids (GUIDs), emails, phone numbers and URLs are not secrets.
/// </summary>
public static partial class SecretDetector
{
    public static bool LooksLikeSecret(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            return LabelledSecret().IsMatch(text)
                || Jwt().IsMatch(text)
                || EntraClientSecret().IsMatch(text)
                || KeyPrefix().IsMatch(text)
                || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(IsRandomLookingToken);
        }
        catch (RegexMatchTimeoutException)
        {
            return true; // Too odd to read in time: treat it as something not to keep.
        }
    }

    /// <summary>A long word mixing upper case, lower case and several digits that is not a GUID, URL or address.</summary>
    private static bool IsRandomLookingToken(string word)
    {
        var token = word.Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '<', '>');
        if (token.Length < 20 || Guid.TryParse(token, out _) || token.Contains('@', StringComparison.Ordinal)
            || token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return token.Any(char.IsUpper) && token.Any(char.IsLower) && token.Count(char.IsDigit) >= 2;
    }

    // "password: x", "my password is x", "mot de passe : x", "mdp = x", "密碼是 x", "client secret x", "token x"…
    [GeneratedRegex(
        @"(?ix)(pass\s*word|passwd|pwd|passcode|mot\s+de\s+passe|mdp|secret|api[\s_-]*key|access[\s_-]*token|bearer|密碼|密码|通行碼|金鑰|權杖)\s*(\bis\b|\best\b|=|:|：|是|為|为)\s*\S{4,}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LabelledSecret();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Jwt();

    // Microsoft Entra client secrets: three characters, a digit, "Q~", then about 31–34 more.
    [GeneratedRegex(@"\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{30,40}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EntraClientSecret();

    // Well-known key prefixes (GitHub, Slack, OpenAI-style, AWS access key ids).
    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex KeyPrefix();
}
