using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Hosting;

/// <summary>Inbound JWT validation and outbound Connector tokens, from the standard root keys (MicrosoftAppId, …).</summary>
internal static class AuthenticationHostingExtensions
{
    public static WebApplicationBuilder AddBotAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotAuthenticationOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddSingleton(BotAuthentication.CreateAuthenticator);
        services.AddSingleton(BotAuthentication.CreateTokenProvider);
        return builder;
    }
}
