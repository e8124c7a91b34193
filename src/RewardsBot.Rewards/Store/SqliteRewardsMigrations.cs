using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

// The migration tests build a file at an older version by running only the first steps.
[assembly: InternalsVisibleTo("RewardsBot.Rewards.Tests")]

namespace RewardsBot.Rewards.Store;

/// <summary>One schema change: its SQL runs in one transaction together with recording <see cref="Version"/>.</summary>
internal sealed record SqliteRewardsMigration(int Version, string Description, string Sql);

/// <summary>
/// The Rewards schema, as an ordered list of migrations recorded in <c>rewards_schema_version</c> (one row per applied
/// version, with the time it was applied). Steps are never edited once shipped: a change is a new step.
/// </summary>
/// <remarks>
/// Conventions: tables are prefixed <c>rewards_</c>; enums are stored as their names; times as ISO 8601 UTC text
/// (round-trip "O", fixed width, so text order is time order); amounts as invariant decimal text (exact, scale kept);
/// booleans as 0/1. A user's roles are rows of <c>rewards_user_roles</c>, ordered by <c>position</c>. Tables whose lists
/// keep insertion order have an autoincrement <c>seq</c> (the audit log's is its <c>id</c>). Like
/// <see cref="MemoryRewardsStore"/>, the store does not check references between entities (the services do); it
/// enforces the keys: entity ids, one activation per company and benefit, one chat identity per channel user.
/// </remarks>
internal static class SqliteRewardsMigrations
{
    private const string Version1 = """
        CREATE TABLE rewards_companies (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            partner_id TEXT NULL,
            account_email TEXT NOT NULL,
            home_tenant_id TEXT NOT NULL
        );
        CREATE TABLE rewards_tenants (
            id TEXT NOT NULL PRIMARY KEY,
            display_name TEXT NOT NULL,
            company_id TEXT NULL
        );
        CREATE INDEX rewards_tenants_company ON rewards_tenants (company_id);
        CREATE TABLE rewards_users (
            id TEXT NOT NULL PRIMARY KEY,
            company_id TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            entra_object_id TEXT NULL
        );
        CREATE INDEX rewards_users_company ON rewards_users (company_id);
        CREATE INDEX rewards_users_entra_object ON rewards_users (tenant_id, entra_object_id COLLATE NOCASE);
        CREATE TABLE rewards_user_roles (
            user_id TEXT NOT NULL REFERENCES rewards_users (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (user_id, position)
        );
        CREATE TABLE rewards_publisher_profiles (
            id TEXT NOT NULL PRIMARY KEY,
            company_id TEXT NOT NULL,
            name TEXT NOT NULL,
            linked_to_pga INTEGER NOT NULL CHECK (linked_to_pga IN (0, 1))
        );
        CREATE INDEX rewards_publisher_profiles_company ON rewards_publisher_profiles (company_id);
        CREATE TABLE rewards_offers (
            id TEXT NOT NULL PRIMARY KEY,
            publisher_profile_id TEXT NOT NULL,
            name TEXT NOT NULL,
            marketplace TEXT NOT NULL,
            listing_type TEXT NOT NULL,
            state TEXT NOT NULL,
            go_live_date TEXT NULL,
            owner_user_id TEXT NULL
        );
        CREATE INDEX rewards_offers_profile ON rewards_offers (publisher_profile_id);
        CREATE TABLE rewards_sales (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            offer_id TEXT NOT NULL,
            amount_usd TEXT NOT NULL,
            billed_at TEXT NOT NULL,
            fraudulent INTEGER NOT NULL CHECK (fraudulent IN (0, 1))
        );
        CREATE INDEX rewards_sales_offer ON rewards_sales (offer_id);
        CREATE TABLE rewards_chat_identities (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            channel_user_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            UNIQUE (channel, channel_user_id)
        );
        CREATE TABLE rewards_marketing_contacts (
            company_id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            email TEXT NOT NULL,
            phone_e164 TEXT NOT NULL,
            preferred_language TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            assigned_by_user_id TEXT NOT NULL
        );
        CREATE TABLE rewards_marketing_contact_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            company_id TEXT NOT NULL,
            previous_user_id TEXT NULL,
            new_user_id TEXT NOT NULL,
            changed_by_user_id TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX rewards_marketing_contact_history_company ON rewards_marketing_contact_history (company_id, seq);
        CREATE TABLE rewards_activations (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            company_id TEXT NOT NULL,
            benefit_id TEXT NOT NULL,
            activated_by_user_id TEXT NOT NULL,
            activated_at TEXT NOT NULL,
            follow_up_due TEXT NOT NULL,
            expires_at TEXT NULL,
            UNIQUE (company_id, benefit_id)
        );
        CREATE TABLE rewards_technical_help_requests (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            company_id TEXT NOT NULL,
            requested_by_user_id TEXT NOT NULL,
            stage TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX rewards_technical_help_requests_company ON rewards_technical_help_requests (company_id, seq);
        CREATE TABLE rewards_tenant_association_requests (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            company_id TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            requested_by_user_id TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            state TEXT NOT NULL,
            decided_by_user_id TEXT NULL,
            decided_at TEXT NULL
        );
        CREATE INDEX rewards_tenant_association_requests_company ON rewards_tenant_association_requests (company_id, requested_at, seq);
        CREATE TABLE rewards_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor_user_id TEXT NOT NULL,
            company_id TEXT NOT NULL,
            action TEXT NOT NULL,
            before TEXT NULL,
            after TEXT NULL
        );
        CREATE INDEX rewards_audit_company ON rewards_audit (company_id, id);
        """;

    // Users who left the company (DOMAIN.md rule 5): existing users stay active; the offers a departed user owns are
    // found through the new owner index.
    private const string Version2 = """
        ALTER TABLE rewards_users ADD COLUMN status TEXT NOT NULL DEFAULT 'Active';
        CREATE INDEX rewards_users_company_status ON rewards_users (company_id, status);
        CREATE INDEX rewards_offers_owner ON rewards_offers (owner_user_id);
        """;

    // Requests waiting for confirmation, found per company and tenant without reading the decided ones (which only
    // accumulate). The state is a literal so that queries naming it can use this partial index.
    private const string Version3 = """
        CREATE INDEX rewards_tenant_association_requests_pending ON rewards_tenant_association_requests (company_id, tenant_id, requested_at, seq)
            WHERE state = 'PendingConfirmation';
        """;

    // A count of the changes to the data tables, kept by triggers so that every writer moves it — this build, another
    // process, an operator's SQL — and the writer of the last change when it was this store (SqliteRewardsReadCache):
    // a reader that knows which changes were its own process's, and what they touched, keeps the answers they did not.
    private const string Version4 = """
        CREATE TABLE rewards_changes (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            writer INTEGER NULL
        );
        INSERT INTO rewards_changes (id, seq, writer) VALUES (1, 0, NULL);
        CREATE TRIGGER rewards_companies_inserted AFTER INSERT ON rewards_companies BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_companies_updated AFTER UPDATE ON rewards_companies BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_companies_deleted AFTER DELETE ON rewards_companies BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenants_inserted AFTER INSERT ON rewards_tenants BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenants_updated AFTER UPDATE ON rewards_tenants BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenants_deleted AFTER DELETE ON rewards_tenants BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_users_inserted AFTER INSERT ON rewards_users BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_users_updated AFTER UPDATE ON rewards_users BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_users_deleted AFTER DELETE ON rewards_users BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_user_roles_inserted AFTER INSERT ON rewards_user_roles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_user_roles_updated AFTER UPDATE ON rewards_user_roles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_user_roles_deleted AFTER DELETE ON rewards_user_roles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_publisher_profiles_inserted AFTER INSERT ON rewards_publisher_profiles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_publisher_profiles_updated AFTER UPDATE ON rewards_publisher_profiles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_publisher_profiles_deleted AFTER DELETE ON rewards_publisher_profiles BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_offers_inserted AFTER INSERT ON rewards_offers BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_offers_updated AFTER UPDATE ON rewards_offers BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_offers_deleted AFTER DELETE ON rewards_offers BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_sales_inserted AFTER INSERT ON rewards_sales BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_sales_updated AFTER UPDATE ON rewards_sales BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_sales_deleted AFTER DELETE ON rewards_sales BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_chat_identities_inserted AFTER INSERT ON rewards_chat_identities BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_chat_identities_updated AFTER UPDATE ON rewards_chat_identities BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_chat_identities_deleted AFTER DELETE ON rewards_chat_identities BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contacts_inserted AFTER INSERT ON rewards_marketing_contacts BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contacts_updated AFTER UPDATE ON rewards_marketing_contacts BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contacts_deleted AFTER DELETE ON rewards_marketing_contacts BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contact_history_inserted AFTER INSERT ON rewards_marketing_contact_history BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contact_history_updated AFTER UPDATE ON rewards_marketing_contact_history BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_marketing_contact_history_deleted AFTER DELETE ON rewards_marketing_contact_history BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_activations_inserted AFTER INSERT ON rewards_activations BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_activations_updated AFTER UPDATE ON rewards_activations BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_activations_deleted AFTER DELETE ON rewards_activations BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_technical_help_requests_inserted AFTER INSERT ON rewards_technical_help_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_technical_help_requests_updated AFTER UPDATE ON rewards_technical_help_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_technical_help_requests_deleted AFTER DELETE ON rewards_technical_help_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenant_association_requests_inserted AFTER INSERT ON rewards_tenant_association_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenant_association_requests_updated AFTER UPDATE ON rewards_tenant_association_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_tenant_association_requests_deleted AFTER DELETE ON rewards_tenant_association_requests BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_audit_inserted AFTER INSERT ON rewards_audit BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_audit_updated AFTER UPDATE ON rewards_audit BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        CREATE TRIGGER rewards_audit_deleted AFTER DELETE ON rewards_audit BEGIN UPDATE rewards_changes SET seq = seq + 1, writer = NULL WHERE id = 1; END;
        """;

    /// <summary>Every migration, oldest first; the version of each is its position (1-based).</summary>
    public static IReadOnlyList<SqliteRewardsMigration> All { get; } =
    [
        new(1, "Initial schema: companies, tenants, users and roles, profiles, offers, sales, chat identities, marketing contact and history, activations, help and tenant requests, audit", Version1),
        new(2, "User status (departed users) with a default for existing users; indexes on users by status and offers by owner", Version2),
        new(3, "Index of the tenant association requests waiting for confirmation, by company and tenant", Version3),
        new(4, "Change count of the data tables (rewards_changes, kept by triggers), so readers can tell which changes were whose", Version4),
    ];

    /// <summary>The schema version this build reads and writes.</summary>
    public const int LatestVersion = 4;

    /// <summary>
    /// Applies the missing migrations up to <paramref name="targetVersion"/>, each in its own <c>BEGIN IMMEDIATE</c>
    /// transaction that first re-reads the version (another process may have migrated meanwhile). Refuses a file
    /// whose version is newer than this build knows.
    /// </summary>
    public static async Task<int> MigrateAsync(SqliteConnection connection, TimeProvider clock, int targetVersion, string filePath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, LatestVersion);
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS rewards_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_utc TEXT NOT NULL);", cancellationToken).ConfigureAwait(false);
            var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The Rewards database '{filePath}' has schema version {version}, written by a newer build of RewardsBot; this build knows versions up to {LatestVersion}. Run the newer build, or set {SqliteRewardsDatabase.Setting} to another file.");
            }

            if (version >= targetVersion)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return version;
            }

            var step = All[version];
            await ExecuteAsync(connection, transaction, step.Sql, cancellationToken).ConfigureAwait(false);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO rewards_schema_version (version, applied_utc) VALUES ($version, $applied);";
                record.Parameters.AddWithValue("$version", step.Version);
                record.Parameters.AddWithValue("$applied", SqliteRewardsValues.Encode(clock.GetUtcNow()));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The highest applied version; 0 for a file without Rewards tables.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT max(version) FROM rewards_schema_version;";
        var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return found is null or DBNull ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
