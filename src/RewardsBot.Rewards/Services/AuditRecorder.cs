using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Writes audit entries: who, when, what, before and after — as JSON in which emails and phone numbers are masked
/// (<c>a***@contoso.com</c>, <c>+33******89</c>), so the audit log never holds them in clear.
/// </summary>
public static partial class AuditRecorder
{
    // Relaxed escaping: the audit JSON is stored, never embedded in HTML, and the default encoder would write '+' as
    // \u002B, hiding phone numbers (and '+' addresses) from the masking patterns below.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task RecordAsync(IRewardsWriter writer, TimeProvider clock, string actorUserId, string companyId, string action, object? before, object? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        return writer.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actorUserId, companyId, action, Mask(before), Mask(after)), cancellationToken);
    }

    /// <summary>The value as JSON with every email and phone number masked; null stays null.</summary>
    public static string? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(value, value.GetType(), Json);
        json = Email().Replace(json, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
        return Phone().Replace(json, m => m.Value[..3] + new string('*', m.Value.Length - 5) + m.Value[^2..]);
    }

    [GeneratedRegex(@"(?<first>[A-Za-z0-9])[A-Za-z0-9._%+\-]*@(?<domain>[A-Za-z0-9.\-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+[0-9]{7,15}")]
    private static partial Regex Phone();
}
