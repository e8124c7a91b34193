using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Connector;

namespace RewardsBot.Hosting;

/// <summary>The Connector client the adapter sends replies with (section <c>Bot:Connector</c>).</summary>
internal static class ConnectorHostingExtensions
{
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.AddOptions<ConnectorClientOptions>().BindConfiguration("Bot:Connector").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorClientOptions>, ConnectorClientOptionsValidator>());

        // Each attempt gets 15 s (Teams re-sends an activity whose turn takes longer); retries are bounded by the options.
        services.AddHttpClient<IConnectorClient, ConnectorClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
