namespace RewardsBot.Bench.Scripts;

/// <summary>
/// The benchmark's scenarios. Demo identities (src/RewardsBot.Rewards/Demo/demo-data.json) are spread across the four
/// companies so that concurrent conversations rarely act on the same company at the same moment.
/// </summary>
internal static class Scenarios
{
    public static readonly string[] Names = ["contact", "mix", "menu"];

    public static readonly string[] Default = ["contact", "mix"];

    public static Scenario Get(string name, int menuMessages) => name switch
    {
        "contact" => new("contact", [.. ContactScripts.Select(s => (s, 1))]),
        "mix" => Mix(),
        "menu" => new("menu", [(Flows.Menu(menuMessages), 1)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Choose contact, mix or menu."),
    };

    /// <summary>Every partner admin or admin agent of each company assigning a colleague (one with an existing contact: Northwind).</summary>
    private static Script[] ContactScripts =>
    [
        Flows.Contact("demo-ana", "Lena Hoffmann", "lena.marketing@contoso-analytics.example", "+1 425 555 0100"),
        Flows.Contact("demo-grace", "Hannah Berg", "hannah.berg@northwind-apps.example", "+47 22 12 34 56"),
        Flows.Contact("demo-meihua", "Mei-hua Lin", "meihua.marketing@fabrikam-labs.example", "+886 2 2345 6789"),
        Flows.Contact("demo-claire", "Claire Martin", "claire.marketing@adatum-software.example", "+33 1 23 45 67 89"),
        Flows.Contact("demo-lena", "Marc Dubois", "marc.marketing@contoso-analytics.example", "+1 425 555 0199"),
    ];

    /// <summary>Weights out of 100 conversations: each flow with the identities that make it meaningful.</summary>
    private static Scenario Mix() => new("mix",
    [
        (Flows.Eligibility("demo-ana"), 5), (Flows.Eligibility("demo-claire"), 5), (Flows.Eligibility("demo-grace"), 5), (Flows.Eligibility("demo-meihua"), 5),
        (Flows.Benefits("demo-kenji"), 5), (Flows.Benefits("demo-grace"), 5), (Flows.Benefits("demo-meihua"), 5),
        .. ContactScripts.Take(4).Select(s => (s, 5)),
        (Flows.Activation("demo-grace"), 4), (Flows.Activation("demo-meihua"), 3), (Flows.Activation("demo-ana"), 3),
        (Flows.TechnicalHelp("demo-ana"), 4), (Flows.TechnicalHelp("demo-lena"), 3), (Flows.TechnicalHelp("demo-meihua"), 3),
        (Flows.TenantAccess("demo-marc"), 8), (Flows.TenantHidden("demo-sara"), 7),
        (Flows.OfferFollowUp("demo-meihua"), 5), (Flows.OfferFollowUp("demo-ana"), 5),
    ]);
}
