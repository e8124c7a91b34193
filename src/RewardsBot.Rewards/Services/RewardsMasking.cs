using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Masks a marketing contact before it reaches <see cref="AuditRecorder"/>, in the recorder's own format
/// (<c>m***@contoso.com</c>, <c>+33*******78</c>). Needed because the recorder's JSON writer escapes <c>+</c> as
/// <c>\u002B</c>, which its phone pattern does not see, so a phone would otherwise reach the audit log in clear.
/// Masking twice changes nothing.
/// </summary>
internal static class RewardsMasking
{
    public static MarketingContact? ForAudit(MarketingContact? contact)
        => contact is null ? null : contact with { Email = Email(contact.Email), PhoneE164 = Phone(contact.PhoneE164) };

    public static string Email(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? new string('*', email.Length) : email[0] + "***" + email[at..];
    }

    public static string Phone(string phone)
        => phone.Length <= 5 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 5) + phone[^2..];
}
