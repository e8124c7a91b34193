using Microsoft.Extensions.Options;
using RewardsBot.DirectLine;
using RewardsBot.Hosting;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Endpoints;

/// <summary>
/// Direct Line 3.0 at <c>/v3/directline</c>, the calls Web Chat and DirectLineJS make (protocol reference 5.2–5.7):
/// tokens, conversations, activities by watermark and the WebSocket stream. Errors are Direct Line error bodies.
/// </summary>
public static class DirectLineApi
{
    public const string Prefix = "/v3/directline";

    public static WebApplication MapDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Prefix);
        if (!app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.Enabled)
        {
            group.Map("/{**path}", NotEnabled).WithName("DirectLineNotEnabled");
            return app;
        }

        app.UseWebSockets();
        app.UseCors();
        group.RequireCors(DirectLineHostingExtensions.CorsPolicy);

        // Tokens: generate with the secret (user id inside), refresh with the token.
        group.MapPost("/tokens/generate", GenerateTokenAsync).WithName("DirectLineGenerateToken");
        group.MapPost("/tokens/refresh", RefreshToken).WithName("DirectLineRefreshToken");

        // Conversations: start (201, or 200 when the token's conversation has started), reconnect with a new streamUrl.
        group.MapPost("/conversations", StartConversationAsync).WithName("DirectLineStartConversation");
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).WithName("DirectLineReconnect");

        // The feed: post one activity (echoed, then the bot's replies), read after a watermark, or stream it.
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).WithName("DirectLinePostActivity");
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).WithName("DirectLineGetActivities");
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync).WithName("DirectLineStream");

        // Not supported: uploads, and anything else, with a clear error body.
        group.MapPost("/conversations/{conversationId}/upload", Upload).WithName("DirectLineUpload");
        group.Map("/{**path}", Unsupported).WithName("DirectLineUnsupported");
        return app;
    }

    internal static async Task<IResult> GenerateTokenAsync(HttpContext httpContext, DirectLineGate gate, DirectLineTokenIssuer issuer)
    {
        var (_, refusal) = gate.Check(DirectLineGate.Bearer(httpContext.Request), conversationId: null, allowToken: false);
        if (refusal is not null)
        {
            return refusal;
        }

        var (parameters, badBody) = await DirectLineBodies.ReadParametersAsync(httpContext.Request, httpContext.RequestAborted);
        if (badBody is not null)
        {
            return badBody;
        }

        if (DirectLineIds.TokenUserId(parameters?.User?.Id) is null)
        {
            return DirectLineErrors.BadArgument($"Send the signed-in user: {{ \"user\": {{ \"id\": \"...\", \"name\": \"...\" }} }} (id 1 to {DirectLineIds.MaxUserIdLength} characters).");
        }

        var grant = await issuer.IssueAsync(parameters!.User!.Id!, parameters.User.Name, httpContext.RequestAborted);
        return TypedResults.Json(new TokenAnswer(grant.ConversationId, grant.Token, grant.ExpiresIn), BotJson.Options);
    }

    internal static IResult RefreshToken(HttpRequest request, DirectLineGate gate, DirectLineTokens tokens)
    {
        var (caller, refusal) = gate.Check(DirectLineGate.Bearer(request), conversationId: null);
        if (refusal is not null)
        {
            return refusal;
        }

        if (caller!.IsSecret)
        {
            return DirectLineErrors.BadArgument("Refresh a token by sending that token as the bearer, not the secret.");
        }

        var claims = caller.Token!;
        var (token, expiresIn) = tokens.Issue(claims.ConversationId, claims.UserId, claims.UserName);
        return TypedResults.Json(new TokenAnswer(claims.ConversationId, token, expiresIn), BotJson.Options);
    }

    internal static async Task<IResult> StartConversationAsync(HttpContext httpContext, DirectLineGate gate, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (caller, refusal) = gate.Check(DirectLineGate.Bearer(httpContext.Request), conversationId: null);
        if (refusal is not null)
        {
            return refusal;
        }

        var (parameters, badBody) = await DirectLineBodies.ReadParametersAsync(httpContext.Request, httpContext.RequestAborted);
        if (badBody is not null)
        {
            return badBody;
        }

        string conversationId, userId;
        string? userName;
        if (caller!.Token is { } claims)
        {
            (conversationId, userId, userName) = (claims.ConversationId, claims.UserId, claims.UserName);
        }
        else
        {
            // The secret's holder may name the user; without one the conversation gets an anonymous user.
            var named = parameters?.User?.Id;
            var tokenUserId = named is null ? DirectLineIds.NewAnonymousUserId() : DirectLineIds.TokenUserId(named);
            if (tokenUserId is null)
            {
                return DirectLineErrors.BadArgument($"user.id must be 1 to {DirectLineIds.MaxUserIdLength} characters without control characters.");
            }

            (conversationId, userId, userName) = (DirectLineIds.NewConversationId(), tokenUserId, parameters?.User?.Name);
        }

        var (conversation, created, outcome) = await conversations.StartAsync(
            conversationId, userId, userName, DirectLineBodies.Locale(parameters?.Locale), httpContext.RequestAborted);
        if (conversation is null)
        {
            return BotFailed(outcome == TurnOutcome.TimedOut);
        }

        var (token, expiresIn) = caller.Token is { } held ? (caller.RawToken!, tokens.SecondsLeft(held)) : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        var answer = new ConversationAnswer(conversation.Id, token, expiresIn, StreamUrl(httpContext.Request, conversation.Id, token, watermark: null));
        return TypedResults.Json(answer, BotJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    internal static async Task<IResult> ReconnectAsync(
        HttpContext httpContext, string conversationId, string? watermark, DirectLineGate gate, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (caller, refusal) = gate.Check(DirectLineGate.Bearer(httpContext.Request), conversationId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!DirectLineIds.TryParseWatermark(watermark, out var after))
        {
            return BadWatermark();
        }

        var conversation = await conversations.FindAsync(conversationId, httpContext.RequestAborted);
        if (conversation is null)
        {
            return DirectLineErrors.ConversationNotFound();
        }

        var (token, expiresIn) = caller!.Token is { } held ? (caller.RawToken!, tokens.SecondsLeft(held)) : tokens.Issue(conversation.Id, conversation.UserId, conversation.UserName);
        return TypedResults.Json(new ConversationAnswer(conversation.Id, token, expiresIn, StreamUrl(httpContext.Request, conversation.Id, token, after)), BotJson.Options);
    }

    internal static async Task<IResult> PostActivityAsync(
        HttpContext httpContext, string conversationId, DirectLineGate gate, DirectLineConversations conversations, IOptions<BotHostOptions> hostOptions)
    {
        var request = httpContext.Request;
        var (caller, refusal) = gate.Check(DirectLineGate.Bearer(request), conversationId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.ContentType is { Length: > 0 } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return DirectLineErrors.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Send the activity as application/json.");
        }

        var maxBytes = hostOptions.Value.MaxActivityBytes;
        var (outcome, activity, problem) = await ActivityBodyReader.ReadAsync(request, maxBytes, httpContext.RequestAborted);
        if (outcome == ActivityBodyReader.Outcome.TooLarge)
        {
            return DirectLineBodies.TooLarge(maxBytes);
        }

        if (outcome != ActivityBodyReader.Outcome.Ok)
        {
            return DirectLineErrors.BadArgument(problem!);
        }

        if (activity!.Type is ActivityTypes.Typing)
        {
            // Momentary: neither kept in the feed nor worth a turn.
            return TypedResults.Json(new ResourceResponse(DirectLineIds.ActivityId(conversationId, 0)), BotJson.Options);
        }

        if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.EndOfConversation))
        {
            return DirectLineErrors.BadArgument("Post one activity of type message, event, endOfConversation or typing.");
        }

        var feedUser = FeedUser(caller!, activity);
        if (feedUser is null)
        {
            return DirectLineErrors.BadArgument("With the secret, the activity must name its sender in from.id.");
        }

        var (posted, id) = await conversations.PostAsync(conversationId, activity, feedUser, httpContext.RequestAborted);
        return posted switch
        {
            PostOutcome.Posted => TypedResults.Json(new ResourceResponse(id), BotJson.Options),
            PostOutcome.NotFound => DirectLineErrors.ConversationNotFound(),
            _ => BotFailed(posted == PostOutcome.BotTimedOut),
        };
    }

    internal static async Task<IResult> GetActivitiesAsync(
        HttpContext httpContext, string conversationId, string? watermark, DirectLineGate gate, DirectLineConversations conversations)
    {
        var (after, refusal) = await CheckFeedAsync(DirectLineGate.Bearer(httpContext.Request), conversationId, watermark, gate, conversations, httpContext.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var page = await conversations.ReadAsync(conversationId, after, httpContext.RequestAborted);
        return TypedResults.Bytes(ActivitySets.Write(page, after), "application/json; charset=utf-8");
    }

    internal static async Task<IResult> StreamAsync(
        HttpContext httpContext, string conversationId, string? t, string? watermark, DirectLineGate gate, DirectLineConversations conversations, DirectLineStream stream)
    {
        if (!httpContext.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.BadArgument("Open the streamUrl of a start or reconnect answer as a WebSocket.");
        }

        var (after, refusal) = await CheckFeedAsync(t, conversationId, watermark, gate, conversations, httpContext.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        using var socket = await httpContext.WebSockets.AcceptWebSocketAsync();
        await stream.RunAsync(socket, conversationId, after, httpContext.RequestAborted);
        return Results.Empty;
    }

    /// <summary>What reading a feed (polling or the stream) needs: a credential for this conversation, a valid watermark, a kept conversation.</summary>
    private static async Task<(long After, IResult? Refusal)> CheckFeedAsync(
        string? credential, string conversationId, string? watermark, DirectLineGate gate, DirectLineConversations conversations, CancellationToken cancellationToken)
    {
        var (_, refusal) = gate.Check(credential, conversationId);
        if (refusal is not null)
        {
            return (0, refusal);
        }

        if (!DirectLineIds.TryParseWatermark(watermark, out var after))
        {
            return (0, BadWatermark());
        }

        return await conversations.FindAsync(conversationId, cancellationToken) is null
            ? (0, DirectLineErrors.ConversationNotFound())
            : (after, null);
    }

    internal static IResult Upload(HttpRequest request, string conversationId, DirectLineGate gate)
    {
        var (_, refusal) = gate.Check(DirectLineGate.Bearer(request), conversationId);
        return refusal ?? DirectLineErrors.Error(StatusCodes.Status400BadRequest, "NotSupported", "Uploads are not supported by this bot.");
    }

    internal static IResult Unsupported()
        => DirectLineErrors.Error(StatusCodes.Status404NotFound, "NotSupported",
            "This Direct Line serves POST tokens/generate, POST tokens/refresh, POST conversations, GET conversations/{id}, GET and POST conversations/{id}/activities and the WebSocket streamUrl; nothing else.");

    internal static IResult NotEnabled()
        => DirectLineErrors.Error(StatusCodes.Status404NotFound, "NotEnabled", "Direct Line is not enabled on this host (DirectLine:Enabled=false).");

    /// <summary>Who the feed shows as the sender: the token's user — never the id the activity claims — or, for the secret's holder, the activity's own.</summary>
    private static ChannelAccount? FeedUser(DirectLineCaller caller, Activity activity)
    {
        if (caller.Token is { } claims)
        {
            return new ChannelAccount { Id = claims.UserId, Name = claims.UserName ?? activity.From?.Name, Role = RoleTypes.User };
        }

        var id = DirectLineIds.TokenUserId(activity.From?.Id);
        return id is null ? null : new ChannelAccount { Id = id, Name = activity.From?.Name, Role = RoleTypes.User };
    }

    private static IResult BotFailed(bool timedOut) => timedOut
        ? DirectLineErrors.Error(StatusCodes.Status502BadGateway, "BotTimeout", "The bot took too long to answer; send the message again.")
        : DirectLineErrors.Error(StatusCodes.Status502BadGateway, "BotRejectedActivity", "The bot could not process the activity; send it again.");

    private static IResult BadWatermark()
        => DirectLineErrors.BadArgument("watermark must be empty or a watermark this service returned.");

    /// <summary>The WebSocket URL of this host for the conversation, pre-authorised with the token (<c>t</c>).</summary>
    private static string StreamUrl(HttpRequest request, string conversationId, string token, long? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{Prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is > 0 ? url + "&watermark=" + DirectLineIds.Watermark(watermark.Value) : url;
    }
}
