using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RewardsBot.DirectLine;

namespace RewardsBot.Hosting;

/// <summary>The host's own Direct Line 3.0 service (section <c>DirectLine</c>); its routes are in <c>DirectLineApi</c>.</summary>
public static class DirectLineHostingExtensions
{
    /// <summary>The CORS policy of the Direct Line routes: the configured origins, with the headers DirectLineJS sends.</summary>
    public const string CorsPolicy = "DirectLine";

    public static WebApplicationBuilder AddDirectLine(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());

        services.AddSingleton<DirectLineKeys>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineThrottle>();
        services.AddSingleton<DirectLineGate>();
        services.AddSingleton<IDirectLineStore>(sp => sp.GetRequiredService<IOptions<BotHostOptions>>().Value.Storage == "Memory"
            ? new MemoryDirectLineStore()
            : new SqliteDirectLineStore(builder.StateConnectionString(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DirectLineTokenIssuer(
            sp.GetRequiredService<DirectLineTokens>(), sp.GetRequiredService<IDirectLineStore>(), sp.GetRequiredService<IOptions<DirectLineOptions>>()));
        services.AddSingleton<DirectLineFeedSignals>();
        services.AddSingleton<DirectLineBotBridge>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<DirectLineStream>();
        services.AddHostedService<DirectLineStartup>();
        services.AddHostedService<DirectLineRetentionService>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. directLine.Value.AllowedOrigins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }
}
