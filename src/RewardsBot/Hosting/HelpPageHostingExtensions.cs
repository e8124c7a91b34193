using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RewardsBot.HelpPage;

namespace RewardsBot.Hosting;

/// <summary>
/// The Marketplace Rewards help page at <c>/</c> (static files in <c>wwwroot</c>, Web Chat from npm in
/// <c>wwwroot/lib</c>) and the token source behind <c>POST /api/helppage/token</c> (section <c>HelpPage</c>).
/// </summary>
public static class HelpPageHostingExtensions
{
    public static WebApplicationBuilder AddHelpPage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HelpPageOptions>().BindConfiguration(HelpPageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpPageOptions>, HelpPageOptionsValidator>());
        services.AddHttpClient<DirectLineTokenClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<HostDirectLineTokenSource>();
        services.AddSingleton<AzureDirectLineTokenSource>();
        services.AddSingleton<IHelpPageTokenSource>(sp => sp.GetRequiredService<IOptions<HelpPageOptions>>().Value.DirectLine.UsesExternalDirectLine
            ? sp.GetRequiredService<AzureDirectLineTokenSource>()
            : sp.GetRequiredService<HostDirectLineTokenSource>());
        services.AddDataProtection();
        services.AddSingleton<HelpPageResumeTickets>();
        return builder;
    }

    /// <summary><c>/</c> serves <c>index.html</c>; pages carry the Content-Security-Policy, every file <c>nosniff</c>.</summary>
    public static WebApplication UseHelpPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var directLine = app.Services.GetRequiredService<IOptions<HelpPageOptions>>().Value.DirectLine;
        var externalOrigins = ExternalDirectLineOrigins(directLine);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Context.Request, externalOrigins);
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.XFrameOptions = "DENY";
                }

                // Pages, scripts and words change with a deployment (revalidated); the Web Chat bundle only with its version.
                if (!context.Context.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-cache";
                }
            },
        });
        return app;
    }

    /// <summary>
    /// Scripts only from this site (no inline script, no eval); styles inline too, because Web Chat and the Adaptive
    /// Cards renderer style their elements at run time; connections to this site (including its Direct Line WebSocket)
    /// and to the configured external Direct Line.
    /// </summary>
    internal static string ContentSecurityPolicy(HttpRequest request, string externalOrigins)
    {
        var ownSockets = $"ws://{request.Host} wss://{request.Host}";
        return "default-src 'self'; "
            + "script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; "
            + "font-src 'self' data:; "
            + "media-src 'self' data: blob:; "
            + "worker-src 'self' blob:; "
            + $"connect-src 'self' {ownSockets}{externalOrigins}; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static string ExternalDirectLineOrigins(HelpPageDirectLineOptions directLine)
    {
        if (!directLine.UsesExternalDirectLine || !Uri.TryCreate(directLine.Domain, UriKind.Absolute, out var domain))
        {
            return "";
        }

        var socketScheme = domain.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return $" {domain.GetLeftPart(UriPartial.Authority)} {socketScheme}://{domain.Authority}";
    }
}
