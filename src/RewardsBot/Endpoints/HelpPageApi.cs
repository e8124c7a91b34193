using System.Text.Json;
using System.Text.Json.Serialization;
using RewardsBot.HelpPage;
using RewardsBot.Rewards.Demo;

namespace RewardsBot.Endpoints;

/// <summary>
/// The help page's server side: who the demo lets you sign in as, and a Direct Line token for that user. The token
/// binds the user id; the page never names the user to Direct Line itself, and never sees a secret.
/// </summary>
public static partial class HelpPageApi
{
    private const int MaxRequestBytes = 4 * 1024;

    public static WebApplication MapHelpPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/helppage");

        // The demo identities for the "signed in as" picker (fictional demo data).
        api.MapGet("/identities", GetIdentities).WithName("GetHelpPageIdentities");

        // { identity, conversationId?, resume? } → { token, domain, conversationId, expiresIn, resume }.
        api.MapPost("/token", PostTokenAsync).WithName("PostHelpPageToken");

        return app;
    }

    public static IResult GetIdentities()
        => Results.Ok(DemoData.Identities.Select(i => new IdentityView(i.Id, i.DisplayName, i.CompanyName, i.Shows)));

    public static async Task<IResult> PostTokenAsync(
        HttpContext httpContext,
        IHelpPageTokenSource tokenSource,
        HelpPageResumeTickets tickets,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var logger = loggerFactory.CreateLogger(typeof(HelpPageApi));
        httpContext.Response.Headers.CacheControl = "no-store";
        if (!httpContext.Request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the request as application/json, for example {\"identity\":\"demo-ana\"}.");
        }

        if (httpContext.Request.ContentLength > MaxRequestBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A token request may be at most {MaxRequestBytes} bytes.");
        }

        var bytes = await ReadAtMostAsync(httpContext.Request.Body, MaxRequestBytes, httpContext.RequestAborted);
        if (bytes is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A token request may be at most {MaxRequestBytes} bytes.");
        }

        TokenRequest? body = null;
        try
        {
            if (bytes.Length > 0)
            {
                body = JsonSerializer.Deserialize<TokenRequest>(bytes, JsonOptions);
            }
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed request", "The body must be a JSON object such as {\"identity\":\"demo-ana\"} (identity, conversationId and resume are strings).");
        }

        body ??= new TokenRequest(null, null, null);
        var identity = string.IsNullOrWhiteSpace(body.Identity) ? DemoData.Identities[0] : DemoData.Identities.FirstOrDefault(i => i.Id == body.Identity);
        if (identity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown identity", $"identity must be one of the demo identities: {string.Join(", ", DemoData.Identities.Select(i => i.Id))}.");
        }

        var user = new HelpPageUser(identity.Id, identity.DisplayName);
        var resume = !string.IsNullOrEmpty(body.ConversationId) && tickets.Allows(body.Resume, identity.Id, body.ConversationId) ? body.ConversationId : null;
        try
        {
            var token = resume is null ? null : await tokenSource.GetTokenAsync(user, resume, httpContext.RequestAborted);
            var resumed = token is not null;
            token ??= await tokenSource.GetTokenAsync(user, null, httpContext.RequestAborted)
                ?? throw new HelpPageTokenException("Direct Line issued no token for a new conversation.");
            LogIssued(logger, identity.Id, resumed);
            return Results.Ok(new TokenResponse(token.Token, token.Domain, token.ConversationId, token.ExpiresIn, tickets.Issue(identity.Id, token.ConversationId), resumed));
        }
        catch (HelpPageTokenException e)
        {
            LogNoToken(logger, e.NotConfigured ? "not configured" : "Direct Line failed", e.Message);
            return e.NotConfigured
                ? Problem(StatusCodes.Status503ServiceUnavailable, "Chat not configured", "The help page's chat is not configured on this server; the operator finds the setting to fix in the server log.")
                : Problem(StatusCodes.Status502BadGateway, "No chat token", "Direct Line did not issue a token. Try again in a moment.");
        }
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while (total <= limit && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > limit ? null : buffer[..total];
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>A demo identity as the picker shows it.</summary>
    public sealed record IdentityView(string Id, string Name, string Company, string Shows);

    /// <summary>The page's request: the demo identity (default the first, demo-ana) and the conversation to resume, with its ticket.</summary>
    public sealed record TokenRequest(string? Identity, string? ConversationId, string? Resume);

    /// <summary>What Web Chat needs, plus the ticket that lets a page refresh resume this conversation.</summary>
    public sealed record TokenResponse(string Token, string Domain, string ConversationId, int ExpiresIn, string Resume, bool Resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued a help page chat token for {IdentityId} (resumed: {Resumed})")]
    private static partial void LogIssued(ILogger logger, string identityId, bool resumed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No help page chat token ({Reason}): {Problem}")]
    private static partial void LogNoToken(ILogger logger, string reason, string problem);
}
