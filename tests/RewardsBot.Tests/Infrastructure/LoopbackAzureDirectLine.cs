using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// Stands in for Azure's Direct Line token calls (which cannot be reached from here) on a loopback port: records what
/// the help page's server asks (<c>POST tokens/generate</c>, <c>GET conversations/{id}</c>) and answers like Azure.
/// </summary>
public sealed class LoopbackAzureDirectLine : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackAzureDirectLine(WebApplication app, Uri domain)
    {
        _app = app;
        Domain = domain;
    }

    /// <summary>The base address Web Chat would use: <c>http://127.0.0.1:port/v3/directline</c>.</summary>
    public Uri Domain { get; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Status for tokens/generate (200 = a token).</summary>
    public int GenerateStatus { get; set; } = StatusCodes.Status200OK;

    /// <summary>Status for conversations/{id} (200 = a fresh token; 404 = conversation gone).</summary>
    public int ReconnectStatus { get; set; } = StatusCodes.Status200OK;

    public static async Task<LoopbackAzureDirectLine> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackAzureDirectLine? self = null;
        app.MapPost("/v3/directline/tokens/generate", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            self!.Calls.Enqueue(new RecordedCall("POST", context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
            if (self.GenerateStatus != StatusCodes.Status200OK)
            {
                return Results.Json(new { error = new { code = "BadArgument", message = "refused" } }, statusCode: self.GenerateStatus);
            }

            var conversationId = "AzConv" + Guid.NewGuid().ToString("N")[..10];
            return Results.Json(new JsonObject { ["conversationId"] = conversationId, ["token"] = "az-token-" + conversationId, ["expires_in"] = 3600 });
        });
        app.MapGet("/v3/directline/conversations/{id}", (HttpContext context, string id) =>
        {
            self!.Calls.Enqueue(new RecordedCall("GET", context.Request.Path, context.Request.Headers.Authorization.ToString(), ""));
            return self.ReconnectStatus != StatusCodes.Status200OK
                ? Results.Json(new { error = new { code = "BadArgument", message = "Conversation not found" } }, statusCode: self.ReconnectStatus)
                : Results.Json(new JsonObject { ["conversationId"] = id, ["token"] = "az-fresh-token-" + id, ["streamUrl"] = "wss://example.invalid/stream" });
        });
        await app.StartAsync();
        self = new LoopbackAzureDirectLine(app, new Uri(app.Urls.First() + "/v3/directline"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record RecordedCall(string Method, string Path, string Authorization, string Body);
}
