using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Demo;

/// <summary>Checks that every reference in the demo data points at something that exists, and that the data obeys the rules it demonstrates.</summary>
internal static class DemoDataValidator
{
    public static IReadOnlyList<string> FindProblems(DemoDataFile data)
    {
        var problems = new List<string>();
        var tenants = Index(data.Tenants, t => t.Id, "tenants", problems);
        var companies = Index(data.Companies, c => c.Id, "companies", problems);
        var users = Index(data.Users, u => u.Id, "users", problems);
        var profiles = Index(data.PublisherProfiles, p => p.Id, "publisherProfiles", problems);
        var offers = Index(data.Offers, o => o.Id, "offers", problems);
        Index(data.Sales, s => s.Id, "sales", problems);
        Index(data.DemoIdentities, i => i.Id, "demoIdentities", problems);
        Index(data.MarketingContacts, c => c.CompanyId, "marketingContacts (one per company)", problems);

        foreach (var tenant in data.Tenants.Where(t => t.CompanyId is not null && !companies.ContainsKey(t.CompanyId)))
        {
            problems.Add($"tenant '{tenant.Id}' names company '{tenant.CompanyId}', which is not in 'companies'.");
        }

        foreach (var company in data.Companies)
        {
            if (!tenants.TryGetValue(company.HomeTenantId, out var home))
            {
                problems.Add($"company '{company.Id}' has home tenant '{company.HomeTenantId}', which is not in 'tenants'.");
            }
            else if (home.CompanyId != company.Id)
            {
                problems.Add($"company '{company.Id}' has home tenant '{home.Id}', whose companyId is '{home.CompanyId}'; set it to '{company.Id}'.");
            }
        }

        foreach (var user in data.Users)
        {
            Require(companies, user.CompanyId, $"user '{user.Id}' names company", "companies", problems);
            Require(tenants, user.TenantId, $"user '{user.Id}' names tenant", "tenants", problems);
        }

        foreach (var duplicate in data.Users.Where(u => u.EntraObjectId is not null).GroupBy(u => (u.TenantId, u.EntraObjectId)).Where(g => g.Count() > 1))
        {
            problems.Add($"users {string.Join(", ", duplicate.Select(u => $"'{u.Id}'"))} share the Entra object id '{duplicate.Key.EntraObjectId}' in one tenant.");
        }

        foreach (var profile in data.PublisherProfiles)
        {
            Require(companies, profile.CompanyId, $"publisher profile '{profile.Id}' names company", "companies", problems);
        }

        foreach (var offer in data.Offers)
        {
            CheckOffer(offer, profiles, users, problems);
        }

        foreach (var sale in data.Sales)
        {
            if (!offers.TryGetValue(sale.OfferId, out var offer))
            {
                problems.Add($"sale '{sale.Id}' names offer '{sale.OfferId}', which is not in 'offers'.");
            }
            else if (offer.ListingType != ListingType.Transact)
            {
                problems.Add($"sale '{sale.Id}' is for offer '{offer.Id}', a {offer.ListingType} offer; only transact offers have billed sales.");
            }
        }

        foreach (var contact in data.MarketingContacts)
        {
            CheckContact(contact, companies, users, problems);
        }

        foreach (var identity in data.DemoIdentities)
        {
            Require(users, identity.UserId, $"demo identity '{identity.Id}' names user", "users", problems);
        }

        return problems;
    }

    private static void CheckOffer(DemoOffer offer, Dictionary<string, PublisherProfile> profiles, Dictionary<string, PartnerUser> users, List<string> problems)
    {
        if (!profiles.TryGetValue(offer.PublisherProfileId, out var profile))
        {
            problems.Add($"offer '{offer.Id}' names publisher profile '{offer.PublisherProfileId}', which is not in 'publisherProfiles'.");
        }
        else if (offer.OwnerUserId is not null && users.TryGetValue(offer.OwnerUserId, out var owner) && owner.CompanyId != profile.CompanyId)
        {
            problems.Add($"offer '{offer.Id}' is owned by '{owner.Id}' of company '{owner.CompanyId}', but its profile belongs to '{profile.CompanyId}'.");
        }

        if (offer.OwnerUserId is not null && !users.ContainsKey(offer.OwnerUserId))
        {
            problems.Add($"offer '{offer.Id}' names owner '{offer.OwnerUserId}', which is not in 'users' (use null for an unknown owner).");
        }

        var hasGoneLive = offer.State is OfferState.Live or OfferState.Delisted;
        if (hasGoneLive != offer.GoLiveDaysAgo.HasValue || offer.GoLiveDaysAgo < 0)
        {
            problems.Add($"offer '{offer.Id}' is {offer.State}: goLiveDaysAgo must be {(hasGoneLive ? "a number of days, 0 or more" : "null")}.");
        }
    }

    private static void CheckContact(DemoMarketingContact contact, Dictionary<string, Company> companies, Dictionary<string, PartnerUser> users, List<string> problems)
    {
        if (!companies.TryGetValue(contact.CompanyId, out var company))
        {
            problems.Add($"marketing contact names company '{contact.CompanyId}', which is not in 'companies'.");
            return;
        }

        foreach (var (role, userId) in new[] { ("contact", contact.UserId), ("assigner", contact.AssignedByUserId) })
        {
            if (!users.TryGetValue(userId, out var user) || user.CompanyId != company.Id)
            {
                problems.Add($"marketing contact of '{company.Id}': the {role} '{userId}' is not a user of that company.");
            }
        }

        if (string.Equals(contact.Email, company.AccountEmail, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"marketing contact of '{company.Id}' uses the company's Partner Center account email; rule 3 needs a different one.");
        }
    }

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> items, Func<T, string> key, string collection, List<string> problems)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!index.TryAdd(key(item), item))
            {
                problems.Add($"'{collection}' holds the id '{key(item)}' twice.");
            }
        }

        return index;
    }

    private static void Require<T>(Dictionary<string, T> index, string id, string what, string collection, List<string> problems)
    {
        if (!index.ContainsKey(id))
        {
            problems.Add($"{what} '{id}', which is not in '{collection}'.");
        }
    }
}
