using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// A channel's Connector service on a loopback port, playing the Emulator's (or Teams') part: it accepts the bot's
/// replies (<c>POST /v3/conversations/{id}/activities[/{activityId}]</c>) and records them with the raw path and the id it
/// gave each (what a card click names as <c>replyToId</c>); it records updates of a sent activity
/// (<c>PUT /v3/conversations/{id}/activities/{activityId}</c>) too, under that activity's id.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _nextId;

    private LoopbackConnector(WebApplication app) => _app = app;

    public Uri ServiceUrl => new(_app.Urls.First() + "/");
    public ConcurrentQueue<ReceivedActivity> Received { get; } = new();

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest request) => connector.AcceptAsync(request));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request) => connector.AcceptAsync(request));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request, string activityId) => connector.AcceptAsync(request, activityId));
        await app.StartAsync();
        return connector;
    }

    /// <summary>Waits until <paramref name="count"/> activities have arrived (or fails after a generous timeout).</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} activities at the connector, got {Received.Count}.");
            }

            await Task.Delay(10);
        }

        return Received.ToArray();
    }

    /// <summary>The updates (PUT) received, in order.</summary>
    public IReadOnlyList<ReceivedActivity> Updates => [.. Received.Where(r => r.Method == HttpMethods.Put)];

    /// <summary>Records a sent activity (a new id) or an update (<paramref name="updatedId"/>, the id it replaces).</summary>
    private async Task<IResult> AcceptAsync(HttpRequest request, string? updatedId = null)
    {
        var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, BotJson.Options);
        var id = updatedId ?? "reply-" + Interlocked.Increment(ref _nextId);
        Received.Enqueue(new ReceivedActivity(request.Method, RawTarget(request), request.Headers.Authorization.ToString(), activity!, id));
        return Results.Json(new ResourceResponse(id), BotJson.Options);
    }

    /// <summary>The request target exactly as sent (before routing decodes it).</summary>
    private static string RawTarget(HttpRequest request)
        => request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedActivity(string Method, string RawPath, string Authorization, Activity Activity, string AssignedId);
