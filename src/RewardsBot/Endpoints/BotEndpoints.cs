using RewardsBot.Hosting;

namespace RewardsBot.Endpoints;

/// <summary>The host's routes.</summary>
public static class BotEndpoints
{
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A 4xx or 5xx that no endpoint wrote a body for (405 for a wrong method, 404 for an unknown path) gets a
        // problem body saying which status it is, so no refusal is an empty answer.
        app.UseStatusCodePages();

        // Channels (Emulator, Azure Bot Service: Teams, Direct Line) POST activities here. Other methods get 405.
        app.MapPost("/api/messages", MessagesApi.CreateHandler()).WithName("PostActivity");

        // Our own Direct Line 3.0 for Web Chat (the help page): tokens, conversations, activities, WebSocket stream.
        app.MapDirectLine();
        // The Marketplace Rewards help page at / with Web Chat, and its token endpoint.
        app.UseHelpPage();
        app.MapHelpPage();

        // Liveness and storage check for load balancers and operators.
        app.MapHealthChecks("/healthz");

        return app;
    }
}
