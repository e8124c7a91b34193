using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Support;

/// <summary>A store from <see cref="RewardsTestStore"/>, a manual clock, a catalogue, and the services over them.</summary>
internal sealed class RewardsHarness
{
    private RewardsHarness(BenefitCatalogue catalogue)
    {
        Catalogue = catalogue;
    }

    public IRewardsStore Store { get; } = RewardsTestStore.Create();

    public ManualClock Clock { get; } = new();

    public BenefitCatalogue Catalogue { get; }

    public EligibilityService Eligibility => new(Store, Catalogue);

    public BenefitService Benefits => new(Store, Catalogue, Clock);

    public MarketingContactService Contacts => new(Store, Catalogue, Clock);

    public ActivationService Activations => new(Store, Catalogue, Clock);

    public TechnicalHelpService TechnicalHelp => new(Store, Catalogue, Clock);

    public static async Task<RewardsHarness> WithAsync(params CompanyBuilder[] companies) => await WithAsync(BenefitCatalogue.Default, companies);

    public static async Task<RewardsHarness> WithAsync(BenefitCatalogue catalogue, params CompanyBuilder[] companies)
    {
        var harness = new RewardsHarness(catalogue);
        foreach (var company in companies)
        {
            await company.SaveAsync(harness.Store);
        }

        return harness;
    }

    /// <summary>Assigns <see cref="CompanyBuilder.Marketer"/> as marketing contact (by the admin), failing the test if refused.</summary>
    public async Task AssignMarketerAsync(string companyId = CompanyBuilder.CompanyId)
    {
        var outcome = await Contacts.AssignAsync(CompanyBuilder.Admin, companyId, CompanyBuilder.Marketer, "mia.marketing@contoso.com", "+33612345678", "fr", CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
    }
}
