using RewardsBot.Rewards.Model;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>The store contract, second part: marketing contact, activations, requests, audit, chat identities, transactions.</summary>
public abstract partial class RewardsStoreContractTests
{
    [Fact]
    public async Task Assigning_a_marketing_contact_replaces_the_previous_one_and_the_history_keeps_every_change_in_order()
    {
        var first = Contact("u-bob", "bob@contoso.com", T0);
        var second = Contact("u-alice", "alice@contoso.com", T0.AddDays(-1)) with { PhoneE164 = "+14255550100", PreferredLanguage = "en-US" };
        var changes = new[]
        {
            new MarketingContactChange("contoso", null, "u-bob", "u-alice", T0),
            new MarketingContactChange("contoso", "u-bob", "u-alice", "u-alice", T0.AddDays(-1)),
        };

        await WriteAsync(w => w.SetMarketingContactAsync(first, changes[0], None));
        await WriteAsync(w => w.SetMarketingContactAsync(second, changes[1], None));

        Assert.Equal(second, await Store.GetMarketingContactAsync("contoso", None));
        Assert.Equal(changes, await Store.ListMarketingContactHistoryAsync("contoso", None));
        Assert.Empty(await Store.ListMarketingContactHistoryAsync("fabrikam", None));
    }

    [Fact]
    public async Task Activations_round_trip_with_and_without_expiry_in_the_order_added()
    {
        var later = Activation("a-2", "contoso", "benefit-social", T0.AddYears(1));
        var earlier = Activation("a-1", "contoso", "benefit-case-study");
        var other = Activation("a-3", "fabrikam", "benefit-case-study");

        await WriteAsync(async w =>
        {
            await w.AddActivationAsync(later, None);
            await w.AddActivationAsync(other, None);
            await w.AddActivationAsync(earlier, None);
        });

        Assert.Equal([later, earlier], await Store.ListActivationsAsync("contoso", None));
        Assert.Equal([other], await Store.ListActivationsAsync("fabrikam", None));
    }

    [Fact]
    public async Task A_second_activation_of_the_same_benefit_throws_and_the_first_is_kept()
    {
        var first = Activation("a-1", "contoso", "benefit-social");
        await WriteAsync(w => w.AddActivationAsync(first, None));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(async w =>
        {
            await w.AppendAuditAsync(Audit("activate", T0), None);
            await w.AddActivationAsync(Activation("a-2", "contoso", "benefit-social") with { ActivatedByUserId = "u-bob" }, None);
        }));

        Assert.Contains("benefit-social", ex.Message, StringComparison.Ordinal);
        Assert.Equal([first], await Store.ListActivationsAsync("contoso", None));
        Assert.Empty(await Store.ListAuditAsync("contoso", None));
    }

    [Fact]
    public async Task A_refused_second_activation_caught_inside_the_write_lets_the_rest_of_the_write_commit()
    {
        var first = Activation("a-1", "contoso", "benefit-social");

        await WriteAsync(async w =>
        {
            await w.AddActivationAsync(first, None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => w.AddActivationAsync(Activation("a-2", "contoso", "benefit-social"), None));
            Assert.Equal(first, await w.GetActivationAsync("contoso", "benefit-social", None));
            await w.AppendAuditAsync(Audit("already-active", T0), None);
        });

        Assert.Equal([first], await Store.ListActivationsAsync("contoso", None));
        Assert.Equal(["already-active"], (await Store.ListAuditAsync("contoso", None)).Select(a => a.Action));
    }

    [Fact]
    public async Task Two_companies_may_activate_the_same_benefit()
    {
        await WriteAsync(async w =>
        {
            await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), None);
            await w.AddActivationAsync(Activation("a-2", "fabrikam", "benefit-social"), None);
        });

        Assert.Single(await Store.ListActivationsAsync("contoso", None));
        Assert.Single(await Store.ListActivationsAsync("fabrikam", None));
    }

    [Fact]
    public async Task Technical_help_requests_round_trip_per_company_in_the_order_added()
    {
        var design = new TechnicalHelpRequest("h-2", "contoso", "u-alice", TechnicalStage.Design, "Review our AKS design, s'il vous plaît.", RequestStatus.InProgress, T0);
        var presales = new TechnicalHelpRequest("h-1", "contoso", "u-bob", TechnicalStage.ApplicationDevelopment, "", RequestStatus.Completed, T0.AddDays(-3));
        var theirs = new TechnicalHelpRequest("h-3", "fabrikam", "u-femi", TechnicalStage.Presales, "Demo help", RequestStatus.Submitted, T0);

        await WriteAsync(async w =>
        {
            await w.AddTechnicalHelpRequestAsync(design, None);
            await w.AddTechnicalHelpRequestAsync(theirs, None);
            await w.AddTechnicalHelpRequestAsync(presales, None);
        });

        Assert.Equal([design, presales], await Store.ListTechnicalHelpRequestsAsync("contoso", None));
        Assert.Equal([theirs], await Store.ListTechnicalHelpRequestsAsync("fabrikam", None));
    }

    [Fact]
    public async Task Tenant_association_requests_round_trip_are_replaced_by_id_and_listed_by_request_time()
    {
        var late = new TenantAssociationRequest("r-late", "contoso", "tenant-stray", "u-alice", T0, TenantAssociationState.PendingConfirmation, null, null);
        var early = new TenantAssociationRequest("r-early", "contoso", "tenant-other", "u-alice", T0.AddHours(-5), TenantAssociationState.Declined, "u-x", T0.AddHours(-4));
        var confirmed = late with { State = TenantAssociationState.Confirmed, DecidedByUserId = "u-admin", DecidedAt = T0.AddMinutes(10) };

        await WriteAsync(async w =>
        {
            await w.SaveTenantAssociationRequestAsync(late, None);
            await w.SaveTenantAssociationRequestAsync(early, None);
        });
        Assert.Equal(late, await Store.GetTenantAssociationRequestAsync("r-late", None));
        await WriteAsync(w => w.SaveTenantAssociationRequestAsync(confirmed, None));

        Assert.Equal(confirmed, await Store.GetTenantAssociationRequestAsync("r-late", None));
        Assert.Equal([early, confirmed], await Store.ListTenantAssociationRequestsAsync("contoso", None));
        Assert.Empty(await Store.ListTenantAssociationRequestsAsync("fabrikam", None));
    }

    [Fact]
    public async Task Audit_entries_round_trip_and_keep_the_order_they_were_appended_not_their_times()
    {
        AuditEntry[] entries =
        [
            new(T0, "u-alice", "contoso", "contact.assign", """{"userId":"u-bob"}""", """{"userId":"u-alice","email":"a***@contoso.com"}"""),
            Audit("benefit.activate", T0.AddDays(-2)),
            Audit("tenant.associate", T0.AddDays(-1)) with { Before = null, After = "{}" },
        ];

        await WriteAsync(async w =>
        {
            await w.AppendAuditAsync(entries[0], None);
            await w.AppendAuditAsync(Audit("other.company", T0, "fabrikam"), None);
            await w.AppendAuditAsync(entries[1], None);
        });
        await WriteAsync(w => w.AppendAuditAsync(entries[2], None));

        Assert.Equal(entries, await Store.ListAuditAsync("contoso", None));
        Assert.Single(await Store.ListAuditAsync("fabrikam", None));
    }

    [Fact]
    public async Task A_chat_identity_bound_again_replaces_the_user_for_that_channel_user_only()
    {
        await WriteAsync(async w =>
        {
            await w.AddChatIdentityAsync(new("directline", "dl-1", "u-bob"), None);
            await w.AddChatIdentityAsync(new("directline", "dl-2", "u-femi"), None);
            await w.AddChatIdentityAsync(new("emulator", "dl-1", "u-femi"), None);
        });

        await WriteAsync(w => w.AddChatIdentityAsync(new("directline", "dl-1", "u-alice"), None));

        Assert.Equal("u-alice", await Store.FindUserIdByChatIdentityAsync("directline", "dl-1", None));
        Assert.Equal("u-femi", await Store.FindUserIdByChatIdentityAsync("emulator", "dl-1", None));
        Assert.Equal([new("directline", "dl-2", "u-femi"), new ChatIdentity("directline", "dl-1", "u-alice")], await Store.ListChatIdentitiesAsync("directline", None));
        Assert.Equal([new ChatIdentity("emulator", "dl-1", "u-femi")], await Store.ListChatIdentitiesAsync("emulator", None));
    }

    [Fact]
    public async Task A_store_is_empty_until_a_company_exists()
    {
        Assert.True(await Store.IsEmptyAsync(None));
        await WriteAsync(w => w.UpsertTenantAsync(Unassociated, None));
        Assert.True(await Store.IsEmptyAsync(None));

        await WriteAsync(w => w.UpsertCompanyAsync(Contoso, None));

        Assert.False(await Store.IsEmptyAsync(None));
    }

    [Fact]
    public async Task A_write_that_throws_midway_keeps_nothing_and_the_exception_propagates()
    {
        var failure = new InvalidOperationException("midway");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(async w =>
        {
            await w.UpsertCompanyAsync(Contoso, None);
            await w.UpsertUserAsync(Alice, None);
            await w.SetMarketingContactAsync(Contact("u-alice", "alice@contoso.com", T0), new("contoso", null, "u-alice", "u-alice", T0), None);
            await w.AppendAuditAsync(Audit("half", T0), None);
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.True(await Store.IsEmptyAsync(None));
        Assert.Null(await Store.GetUserAsync("u-alice", None));
        Assert.Null(await Store.GetMarketingContactAsync("contoso", None));
        Assert.Empty(await Store.ListMarketingContactHistoryAsync("contoso", None));
        Assert.Empty(await Store.ListAuditAsync("contoso", None));
    }

    [Fact]
    public async Task Reads_inside_a_write_see_its_own_changes_and_other_readers_see_them_only_after_the_commit()
    {
        var contact = Contact("u-alice", "alice@contoso.com", T0);
        var request = new TenantAssociationRequest("r-1", "contoso", "tenant-stray", "u-alice", T0, TenantAssociationState.PendingConfirmation, null, null);
        var activation = Activation("a-1", "contoso", "benefit-social");

        await WriteAsync(async w =>
        {
            await w.SetMarketingContactAsync(contact, new("contoso", null, "u-alice", "u-alice", T0), None);
            await w.UpsertTenantAsync(Unassociated, None);
            await w.SaveTenantAssociationRequestAsync(request, None);
            await w.AddActivationAsync(activation, None);

            Assert.Equal(contact, await w.GetMarketingContactAsync("contoso", None));
            Assert.Equal(Unassociated, await w.GetTenantAsync("tenant-stray", None));
            Assert.Equal(request, await w.GetTenantAssociationRequestAsync("r-1", None));
            Assert.Equal(activation, await w.GetActivationAsync("contoso", "benefit-social", None));
            Assert.Null(await w.GetActivationAsync("contoso", "benefit-other", None));
            Assert.Null(await Store.GetMarketingContactAsync("contoso", None));
            Assert.Empty(await Store.ListActivationsAsync("contoso", None));
        });

        Assert.Equal(contact, await Store.GetMarketingContactAsync("contoso", None));
    }

    [Fact]
    public async Task Twenty_concurrent_writes_each_appending_an_audit_entry_all_land()
    {
        var actions = Enumerable.Range(0, 20).Select(i => $"write-{i}").ToList();

        await Task.WhenAll(actions.Select(action => Task.Run(() => WriteAsync(w => w.AppendAuditAsync(Audit(action, T0), None)))));

        var landed = (await Store.ListAuditAsync("contoso", None)).Select(a => a.Action).ToList();
        Assert.Equal(actions.Order(StringComparer.Ordinal), landed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Twenty_concurrent_check_then_activate_writes_activate_once()
    {
        var winners = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => WriteAsync(async w =>
        {
            if (await w.GetActivationAsync("contoso", "benefit-social", None) is null)
            {
                await Task.Yield();
                await w.AddActivationAsync(Activation($"a-{i}", "contoso", "benefit-social"), None);
                Interlocked.Increment(ref winners);
            }
        }))));

        Assert.Equal(1, winners);
        Assert.Single(await Store.ListActivationsAsync("contoso", None));
    }

    [Fact]
    public async Task A_write_with_a_cancelled_token_throws_and_changes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso, ct), cancelled.Token));

        Assert.True(await Store.IsEmptyAsync(None));
    }
}
