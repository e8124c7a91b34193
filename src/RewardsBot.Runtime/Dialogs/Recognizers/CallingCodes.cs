using System.Collections.Frozen;
using System.Text.Json;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// The numbering plans in calling-codes.json (embedded as <c>RewardsBot.Runtime.calling-codes.json</c>), read and
/// checked once. A country calling code may be shared (+1 US/CA/PR, +44 GB/GG/JE/IM, +7 RU/KZ, +39 IT/VA); its
/// first region in the file is its main region.
/// </summary>
public static class CallingCodes
{
    internal const string ResourceName = "RewardsBot.Runtime.calling-codes.json";

    /// <summary>E.164 numbers have at most 15 digits, calling code included.</summary>
    public const int MaxE164Digits = 15;

    private static readonly Table Data = Load();

    public static IReadOnlyList<PhoneNumberingPlan> All => Data.All;

    /// <summary>The plan of an ISO 3166 alpha-2 region, any case; null when unknown or not listed.</summary>
    public static PhoneNumberingPlan? ForRegion(string? region) =>
        region is not null && Data.ByRegion.TryGetValue(region.Trim(), out var plan) ? plan : null;

    /// <summary>The regions sharing a calling code, main region first; empty when the code is not listed.</summary>
    public static IReadOnlyList<PhoneNumberingPlan> ForCallingCode(string callingCode) =>
        Data.ByCode.TryGetValue(callingCode, out var plans) ? plans : [];

    /// <summary>The calling code at the start of <paramref name="digits"/>. Codes are prefix-free (ITU-T E.164), so at most one matches.</summary>
    public static string? MatchCallingCode(string digits)
    {
        for (var length = 1; length <= 3 && length <= digits.Length; length++)
        {
            var code = digits[..length];
            if (Data.ByCode.ContainsKey(code))
            {
                return code;
            }
        }

        return null;
    }

    private static Table Load()
    {
        using var stream = typeof(CallingCodes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{ResourceName}' is missing; RewardsBot.Runtime.csproj must embed Dialogs/Recognizers/calling-codes.json with that LogicalName.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static Table Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var plans = document.RootElement.GetProperty("regions").EnumerateArray().Select(ReadPlan).ToList();
        return new Table(plans);
    }

    private static PhoneNumberingPlan ReadPlan(JsonElement entry)
    {
        var region = entry.GetProperty("region").GetString() ?? "";
        var plan = new PhoneNumberingPlan(
            region,
            entry.GetProperty("callingCode").GetString() ?? "",
            entry.TryGetProperty("trunkPrefix", out var trunk) && trunk.ValueKind == JsonValueKind.String ? trunk.GetString() : null,
            [.. entry.GetProperty("internationalPrefixes").EnumerateArray().Select(p => p.GetString() ?? "")],
            entry.GetProperty("minLength").GetInt32(),
            entry.GetProperty("maxLength").GetInt32());
        Check(plan);
        return plan;
    }

    private static void Check(PhoneNumberingPlan plan)
    {
        string? problem =
            plan.Region.Length != 2 || !plan.Region.All(char.IsAsciiLetterUpper) ? "region must be an upper-case ISO 3166 alpha-2 code"
            : plan.CallingCode.Length is < 1 or > 3 || !IsDigits(plan.CallingCode) || plan.CallingCode[0] == '0' ? "callingCode must be 1 to 3 digits, not starting with 0"
            : plan.TrunkPrefix is not null && (plan.TrunkPrefix.Length == 0 || !IsDigits(plan.TrunkPrefix)) ? "trunkPrefix must be digits or null"
            : plan.InternationalPrefixes.Count == 0 || !plan.InternationalPrefixes.All(p => p.Length > 0 && IsDigits(p)) ? "internationalPrefixes must list at least one prefix of digits"
            : plan.MinLength < 1 || plan.MinLength > plan.MaxLength ? "minLength must be at least 1 and not above maxLength"
            : plan.CallingCode.Length + plan.MaxLength > MaxE164Digits ? $"callingCode and maxLength together exceed the {MaxE164Digits} digits of E.164"
            : null;
        if (problem is not null)
        {
            throw new InvalidDataException($"calling-codes.json, region '{plan.Region}': {problem}. Fix the entry.");
        }
    }

    private static bool IsDigits(string text) => text.All(char.IsAsciiDigit);

    internal sealed class Table
    {
        public Table(IReadOnlyList<PhoneNumberingPlan> plans)
        {
            All = plans;
            var duplicate = plans.GroupBy(p => p.Region).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidDataException($"calling-codes.json lists region '{duplicate.Key}' twice; keep one entry per region.");
            }

            var codes = plans.Select(p => p.CallingCode).Distinct().ToList();
            var clash = codes.SelectMany(a => codes.Where(b => a != b && b.StartsWith(a, StringComparison.Ordinal)).Select(b => (a, b))).FirstOrDefault();
            if (clash != default)
            {
                throw new InvalidDataException($"calling-codes.json: calling code {clash.a} is a prefix of {clash.b}; E.164 codes are prefix-free, so one of them is wrong.");
            }

            ByRegion = plans.ToFrozenDictionary(p => p.Region, StringComparer.OrdinalIgnoreCase);
            ByCode = plans.GroupBy(p => p.CallingCode).ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<PhoneNumberingPlan>)[.. g]);
        }

        public IReadOnlyList<PhoneNumberingPlan> All { get; }

        public FrozenDictionary<string, PhoneNumberingPlan> ByRegion { get; }

        public FrozenDictionary<string, IReadOnlyList<PhoneNumberingPlan>> ByCode { get; }
    }
}
