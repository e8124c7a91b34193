using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using RewardsBot.Endpoints;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Demo;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Connector;
using RewardsBot.Runtime.State;

namespace RewardsBot.Hosting;

/// <summary>Registers the bot, its runtime and its storage.</summary>
public static class RewardsBotHostingExtensions
{
    public const string DefaultUrl = "http://localhost:3978";
    public const string ConnectionStringName = "RewardsBot";
    public const string StateConnectionStringName = "BotState";

    public static WebApplicationBuilder AddRewardsBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Configuration.AddJsonFile("appsettings.Local.json", optional: true, reloadOnChange: false);

        // HttpClient's own request logs name full URLs (conversation ids); keep them out unless something fails.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<BotHostOptions>().BindConfiguration(BotHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CloudAdapterOptions>().BindConfiguration("Bot:Adapter");
        services.AddOptions<MessagesThrottleOptions>().BindConfiguration(MessagesThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MessagesThrottle>();
        services.AddHostedService<NativeMemoryTrimService>();

        builder.AddBotStorage();
        builder.AddRewardsDomain();
        builder.AddBotAuthentication();
        services.AddBotConnector();
        builder.AddDirectLine();
        builder.AddHelpPage();

        services.AddSingleton(BotTexts.Default);
        services.AddSingleton<ITurnErrorText, TurnErrorText>();
        services.AddSingleton<TurnErrorHandler>();
        services.AddSingleton(sp =>
        {
            var adapter = ActivatorUtilities.CreateInstance<CloudAdapter>(sp);
            adapter.OnTurnError = sp.GetRequiredService<TurnErrorHandler>().HandleAsync;
            return adapter;
        });
        services.AddOptions<RewardsConversationOptions>().BindConfiguration(RewardsConversationOptions.SectionName)
            .Validate(o => DemoData.Identities.Any(i => i.Id == o.EmulatorDemoIdentity), "Bot:Conversation:EmulatorDemoIdentity must be one of the demo identity ids (see README).")
            .ValidateOnStart();
        services.AddSingleton<IBot>(sp => new MarketplaceRewardsBot(
            sp.GetRequiredService<ConversationState>(),
            sp.GetRequiredService<UserState>(),
            sp.GetRequiredService<BotTexts>(),
            sp.GetRequiredService<RewardsServices>(),
            sp.GetRequiredService<IOptions<RewardsConversationOptions>>().Value));

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// The SQLite file of the Rewards data: <c>ConnectionStrings:RewardsBot</c>, default <c>data/rewardsbot.db</c> under
    /// the content root; a relative path is resolved against the content root.
    /// </summary>
    internal static string DatabaseConnectionString(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(contentRoot, "data", "rewardsbot.db")}";
        }

        return SqliteConnectionStrings.Resolve(connectionString, contentRoot);
    }

    /// <summary>
    /// The SQLite file of the conversations' working data (bot state, Direct Line conversations):
    /// <c>ConnectionStrings:BotState</c>, by default the Rewards file's name with <c>-state</c> before its extension, in
    /// the same folder (<c>data/rewardsbot-state.db</c>). See <see cref="SqliteConnectionStrings.StateFileBeside"/> for
    /// why the two are kept apart.
    /// </summary>
    internal static string StateConnectionString(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        var connectionString = builder.Configuration.GetConnectionString(StateConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? SqliteConnectionStrings.StateFileBeside(builder.DatabaseConnectionString())
            : SqliteConnectionStrings.Resolve(connectionString, contentRoot);
    }

    /// <summary>State storage: SQLite (see <see cref="StateConnectionString"/>), or memory.</summary>
    private static void AddBotStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IStorage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotHostOptions>>().Value;
            if (options.Storage == "Memory")
            {
                return new MemoryStorage(sp.GetRequiredService<TimeProvider>());
            }

            return new SqliteStorage(builder.StateConnectionString(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(_ => new BotDataFiles(builder.DatabaseConnectionString(), builder.StateConnectionString()));

        // Registered before every other start-up service, so state an earlier build kept in the Rewards file is in the
        // state file before anything reads it.
        services.AddHostedService<StateFileMove>();
        services.AddHostedService<StateRetentionService>();
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
    }
}
