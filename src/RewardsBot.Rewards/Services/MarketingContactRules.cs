using System.Text.RegularExpressions;

namespace RewardsBot.Rewards.Services;

/// <summary>The syntax a marketing contact's email and phone must follow (DOMAIN.md, rule 3).</summary>
public static partial class MarketingContactRules
{
    /// <summary>True for one plain ASCII address (<c>local@domain.tld</c>, no display name, no IP literal).</summary>
    public static bool IsValidEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !Email().IsMatch(email))
        {
            return false;
        }

        var local = email[..email.IndexOf('@', StringComparison.Ordinal)];
        return local.Length <= 64 && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>True for an E.164 number: <c>+</c>, a non-zero digit, then 6 to 14 digits.</summary>
    public static bool IsValidPhone(string? phoneE164) => phoneE164 is not null && Phone().IsMatch(phoneE164);

    /// <summary>Whether two addresses are the same mailbox, ignoring case in the local part and the domain.</summary>
    public static bool SameAddress(string first, string second)
        => string.Equals(first.Trim(), second.Trim(), StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex Phone();
}
