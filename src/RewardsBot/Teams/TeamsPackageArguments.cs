namespace RewardsBot.Teams;

/// <summary>
/// The command line of <c>teams-package</c>: <c>--name value</c> or <c>--name=value</c>; <c>--valid-domain</c> may
/// repeat. Either the settings and output path, or the reasons the line was not understood. A wrong app id is not
/// repeated in the message: a client secret pasted there by mistake stays off the screen.
/// </summary>
public sealed record TeamsPackageArguments(TeamsPackageSettings? Settings, string OutputPath, bool HelpRequested, IReadOnlyList<string> Errors)
{
    public const string DefaultOutputPath = "rewardsbot-teams.zip";

    public const string AppIdOption = "--app-id";
    public const string OutOption = "--out";
    public const string VersionOption = "--version";
    public const string NameOption = "--name";
    public const string DeveloperNameOption = "--developer-name";
    public const string DeveloperUrlOption = "--developer-url";
    public const string PrivacyUrlOption = "--privacy-url";
    public const string TermsUrlOption = "--terms-url";
    public const string ValidDomainOption = "--valid-domain";

    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        AppIdOption, OutOption, VersionOption, NameOption, DeveloperNameOption, DeveloperUrlOption, PrivacyUrlOption, TermsUrlOption, ValidDomainOption,
    };

    public static TeamsPackageArguments Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var errors = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument is "--help" or "-h" or "-?")
            {
                return new TeamsPackageArguments(null, DefaultOutputPath, HelpRequested: true, []);
            }

            var (name, inline) = argument.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (argument[..eq], argument[(eq + 1)..]) : (argument, null);
            if (!ValueOptions.Contains(name))
            {
                errors.Add(name.StartsWith('-') ? $"Unknown option {name}." : $"Unexpected argument at position {i + 1}; options are written --name value.");
                continue;
            }

            var value = inline ?? (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal) ? arguments[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{name} needs a value.");
                continue;
            }

            var list = values.TryGetValue(name, out var existing) ? existing : values[name] = [];
            if (list.Count > 0 && name != ValidDomainOption)
            {
                errors.Add($"{name} is given more than once.");
            }

            list.Add(value.Trim());
        }

        var settings = errors.Count == 0 ? ToSettings(values, errors) : null;
        var output = values.TryGetValue(OutOption, out var outs) ? outs[0] : DefaultOutputPath;
        return errors.Count == 0 ? new(settings, output, false, []) : new(null, output, false, errors);
    }

    private static TeamsPackageSettings? ToSettings(Dictionary<string, List<string>> values, List<string> errors)
    {
        string? Single(string option) => values.TryGetValue(option, out var list) ? list[0] : null;

        Uri? Url(string option, Uri fallback)
        {
            if (Single(option) is not { } text)
            {
                return fallback;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
            {
                return url;
            }

            errors.Add($"{option} must be an absolute https:// URL.");
            return null;
        }

        Guid appId = default;
        if (Single(AppIdOption) is not { } appIdText)
        {
            errors.Add($"{AppIdOption} is required: the Microsoft App ID of your Azure Bot (MicrosoftAppId), a GUID.");
        }
        else if (!Guid.TryParseExact(appIdText, "D", out appId))
        {
            errors.Add($"{AppIdOption} must be the Microsoft App ID of your Azure Bot, a GUID like 00000000-0000-0000-0000-000000000000 (the value given is not one).");
        }

        var website = Url(DeveloperUrlOption, TeamsPackageSettings.DefaultWebsiteUrl);
        var privacy = Url(PrivacyUrlOption, TeamsPackageSettings.DefaultPrivacyUrl);
        var terms = Url(TermsUrlOption, TeamsPackageSettings.DefaultTermsOfUseUrl);
        if (errors.Count > 0)
        {
            return null;
        }

        var settings = new TeamsPackageSettings
        {
            AppId = appId,
            Version = Single(VersionOption) ?? TeamsPackageSettings.DefaultVersion,
            ShortName = Single(NameOption) ?? TeamsPackageSettings.DefaultShortName,
            DeveloperName = Single(DeveloperNameOption) ?? TeamsPackageSettings.DefaultDeveloperName,
            WebsiteUrl = website!,
            PrivacyUrl = privacy!,
            TermsOfUseUrl = terms!,
            ValidDomains = values.TryGetValue(ValidDomainOption, out var domains) ? domains : [],
        };
        errors.AddRange(settings.Problems());
        return errors.Count == 0 ? settings : null;
    }
}
