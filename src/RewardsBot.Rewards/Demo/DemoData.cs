using System.Text.Json;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Demo;

/// <summary>A demo user to sign in as (Emulator or Direct Line id), and what their conversation shows.</summary>
public sealed record DemoIdentity(string Id, string UserId, string DisplayName, string CompanyId, string CompanyName, string Shows);

/// <summary>
/// The realistic demo data set embedded as <see cref="ResourceName"/> (<c>Demo/demo-data.json</c>): fictional companies
/// covering every rule of DOMAIN.md, with dates relative to the moment it is loaded. Each demo identity is bound to its
/// user under the same id on the <c>emulator</c> and <c>directline</c> channels; Teams users are found by object id.
/// </summary>
public static class DemoData
{
    public const string ResourceName = "RewardsBot.Rewards.demo-data.json";

    private static readonly Lazy<string> Embedded = new(ReadResource);
    private static readonly Lazy<IReadOnlyList<DemoIdentity>> LazyIdentities = new(() => IdentitiesOf(ParseValid(Embedded.Value)));

    /// <summary>The demo identities, in the order of the file (for the help page and README).</summary>
    public static IReadOnlyList<DemoIdentity> Identities => LazyIdentities.Value;

    /// <summary>The embedded JSON text.</summary>
    public static string ReadEmbeddedJson() => Embedded.Value;

    /// <summary>What is wrong with <paramref name="json"/> as demo data (malformed JSON, dangling references...); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        try
        {
            return DemoDataValidator.FindProblems(DemoDataFile.Parse(json));
        }
        catch (JsonException e)
        {
            return [$"not readable as demo data: {e.Message}"];
        }
    }

    /// <summary>
    /// Loads the embedded data in one transaction when the store holds no company yet; returns whether it did. Invalid
    /// data throws <see cref="InvalidOperationException"/> listing every problem, and nothing is written.
    /// </summary>
    public static async Task<bool> LoadIfEmptyAsync(IRewardsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        if (!await store.IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var data = ParseValid(Embedded.Value);
        var now = clock.GetUtcNow();
        var loaded = false;
        await store.WriteAsync(
            async (writer, token) =>
            {
                // Another instance may have loaded it since IsEmptyAsync: the first home tenant tells.
                if (await writer.GetTenantAsync(data.Companies[0].HomeTenantId, token).ConfigureAwait(false) is not null)
                {
                    return;
                }

                await WriteAllAsync(writer, data, now, token).ConfigureAwait(false);
                loaded = true;
            },
            cancellationToken).ConfigureAwait(false);
        return loaded;
    }

    private static async Task WriteAllAsync(IRewardsWriter writer, DemoDataFile data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Tenants and companies refer to each other: tenants first without their company, then companies, then the link.
        foreach (var tenant in data.Tenants)
        {
            await writer.UpsertTenantAsync(tenant with { CompanyId = null }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var company in data.Companies)
        {
            await writer.UpsertCompanyAsync(company, cancellationToken).ConfigureAwait(false);
        }

        foreach (var tenant in data.Tenants.Where(t => t.CompanyId is not null))
        {
            await writer.UpsertTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        }

        foreach (var user in data.Users)
        {
            await writer.UpsertUserAsync(user, cancellationToken).ConfigureAwait(false);
        }

        foreach (var profile in data.PublisherProfiles)
        {
            await writer.UpsertPublisherProfileAsync(profile, cancellationToken).ConfigureAwait(false);
        }

        foreach (var offer in data.Offers)
        {
            await writer.UpsertOfferAsync(offer.ToOffer(now), cancellationToken).ConfigureAwait(false);
        }

        foreach (var sale in data.Sales)
        {
            await writer.AddSaleAsync(sale.ToSale(now), cancellationToken).ConfigureAwait(false);
        }

        foreach (var contact in data.MarketingContacts.Select(c => c.ToContact(now)))
        {
            var change = new MarketingContactChange(contact.CompanyId, PreviousUserId: null, contact.UserId, contact.AssignedByUserId, contact.AssignedAt);
            await writer.SetMarketingContactAsync(contact, change, cancellationToken).ConfigureAwait(false);
        }

        foreach (var identity in data.DemoIdentities)
        {
            await writer.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.Emulator, identity.Id, identity.UserId), cancellationToken).ConfigureAwait(false);
            await writer.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.DirectLine, identity.Id, identity.UserId), cancellationToken).ConfigureAwait(false);
        }
    }

    private static DemoDataFile ParseValid(string json)
    {
        DemoDataFile data;
        try
        {
            data = DemoDataFile.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The demo data ({ResourceName}) is not readable: {e.Message} Fix src/RewardsBot.Rewards/Demo/demo-data.json.", e);
        }

        var problems = DemoDataValidator.FindProblems(data);
        if (problems.Count > 0 || data.Companies.Count == 0)
        {
            throw new InvalidOperationException(
                $"The demo data ({ResourceName}) is invalid; fix src/RewardsBot.Rewards/Demo/demo-data.json:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", problems.DefaultIfEmpty("it holds no company.")));
        }

        return data;
    }

    private static List<DemoIdentity> IdentitiesOf(DemoDataFile data)
    {
        var users = data.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var companies = data.Companies.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return data.DemoIdentities
            .Select(i => (Entry: i, User: users[i.UserId]))
            .Select(x => new DemoIdentity(x.Entry.Id, x.User.Id, x.User.Name, x.User.CompanyId, companies[x.User.CompanyId].Name, x.Entry.Shows))
            .ToList();
    }

    private static string ReadResource()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{ResourceName}' is missing; RewardsBot.Rewards.csproj must embed Demo/demo-data.json with LogicalName=\"{ResourceName}\".");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
