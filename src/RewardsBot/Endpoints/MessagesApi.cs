using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RewardsBot.Hosting;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Endpoints;

/// <summary><c>POST /api/messages</c>: the Bot Framework messaging endpoint.</summary>
public static partial class MessagesApi
{
    private static ServiceUrlCheck? lastServiceUrl;

    /// <summary>
    /// The endpoint as a plain request delegate. Its services are all singletons: they are resolved once, on the first
    /// request, rather than bound from the request's services on every one (what a delegate with service parameters
    /// costs per request), and the result is executed as the framework would execute it.
    /// </summary>
    internal static RequestDelegate CreateHandler()
    {
        EndpointServices? services = null;
        return async httpContext =>
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            services ??= EndpointServices.From(httpContext.RequestServices);
            var result = await PostActivityAsync(httpContext, services);
            await result.ExecuteAsync(httpContext);
        };
    }

    private static async Task<IResult> PostActivityAsync(HttpContext httpContext, EndpointServices services)
    {
        var (adapter, authenticator, throttle, bot, options, authOptions, lifetime, loggerFactory) = services;
        var request = httpContext.Request;

        if (request.ContentType is { Length: > 0 } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.");
        }

        var (outcome, activity, problem) = await ActivityBodyReader.ReadAsync(request, options.MaxActivityBytes, httpContext.RequestAborted);
        switch (outcome)
        {
            case ActivityBodyReader.Outcome.TooLarge:
                LogRejected(loggerFactory, "too large", StatusCodes.Status413PayloadTooLarge);
                return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"An activity may be at most {options.MaxActivityBytes} bytes.");
            case ActivityBodyReader.Outcome.NotJson:
            case ActivityBodyReader.Outcome.Empty:
                LogRejected(loggerFactory, "not an activity", StatusCodes.Status400BadRequest);
                return Problem(StatusCodes.Status400BadRequest, "Malformed activity", problem!);
        }

        problem = ActivityValidation.FindProblem(activity!);
        if (problem is not null)
        {
            LogRejected(loggerFactory, "missing fields", StatusCodes.Status400BadRequest);
            return Problem(StatusCodes.Status400BadRequest, "Incomplete activity", problem);
        }

        if (authOptions.IsAuthenticationDisabled && !options.AllowAnonymousRemoteServiceUrl && IsRemote(activity!.ServiceUrl))
        {
            LogRejected(loggerFactory, "anonymous remote serviceUrl", StatusCodes.Status403Forbidden);
            return Problem(StatusCodes.Status403Forbidden, "Remote serviceUrl refused",
                "Without a MicrosoftAppId this bot replies only to a serviceUrl on this machine (the Emulator). Configure MicrosoftAppId, or set Bot:AllowAnonymousRemoteServiceUrl=true for an Emulator behind a tunnel.");
        }

        // A turn is not abandoned because the caller hung up: it runs to completion (bounded), so state stays whole.
        using var turnCancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        turnCancellation.CancelAfter(options.TurnTimeout);
        try
        {
            // Authenticated before flood control, so a forged request cannot spend a real conversation's allowance.
            var identity = await authenticator.AuthenticateRequestAsync(activity!, request.Headers.Authorization.ToString(), turnCancellation.Token);
            if (throttle.TryAdmit(activity!.ChannelId!, activity.Conversation!.Id!) is { } refusal)
            {
                return TooManyRequests(httpContext, refusal);
            }

            try
            {
                var response = await adapter.ProcessAuthenticatedActivityAsync(identity, activity, bot.OnTurnAsync, turnCancellation.Token);
                if (response is null)
                {
                    return Results.Ok();
                }

                if (response.Status == StatusCodes.Status501NotImplemented)
                {
                    // The SDK answers an invoke the bot does not implement with 501; it is the request that asks for
                    // something this bot does not offer, so it is answered as a client error, never a server fault.
                    LogRejected(loggerFactory, "invoke not handled", StatusCodes.Status400BadRequest);
                    return Problem(StatusCodes.Status400BadRequest, "Invoke not handled", "This bot does not handle this invoke (its name, or the card action's verb).");
                }

                return response.Body switch
                {
                    null => Results.StatusCode(response.Status),
                    ExpectedReplies replies => new RepliesResult(response.Status, replies),
                    var body => Results.Json(body, BotJson.Options, statusCode: response.Status),
                };
            }
            finally
            {
                throttle.Release();
            }
        }
        catch (BotAuthenticationException ex)
        {
            LogUnauthorized(loggerFactory, ex.Message);
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request's credentials were refused.");
        }
        catch (OperationCanceledException) when (turnCancellation.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogTimedOut(loggerFactory, activity!.Type, options.TurnTimeout.TotalSeconds);
            return Problem(StatusCodes.Status503ServiceUnavailable, "Turn timed out", "The bot took too long to answer; send the message again.");
        }
    }

    /// <summary>429 with Retry-After and a problem body saying which limit was reached (no ids: the caller knows them).</summary>
    private static IResult TooManyRequests(HttpContext httpContext, MessagesThrottle.Refusal refusal)
    {
        var seconds = refusal.RetryAfterSeconds;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return refusal.Busy
            ? Problem(StatusCodes.Status429TooManyRequests, "Too many turns in progress", $"The bot is handling as many turns as it takes at once; send the activity again in {seconds} s.")
            : Problem(StatusCodes.Status429TooManyRequests, "Too many activities in this conversation", $"This conversation sent activities faster than the bot takes them; send the activity again in {seconds} s.");
    }

    /// <summary>Whether the service URL is off this machine; the answer for the last URL is kept (the Emulator sends one URL).</summary>
    private static bool IsRemote(string? serviceUrl)
    {
        if (lastServiceUrl is { } last && string.Equals(last.Url, serviceUrl, StringComparison.Ordinal))
        {
            return last.IsRemote;
        }

        var remote = Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            && !uri.IsLoopback
            && !(IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
        if (serviceUrl is not null)
        {
            lastServiceUrl = new ServiceUrlCheck(serviceUrl, remote);
        }

        return remote;
    }

    // The endpoint's logger is made only when something is logged: a turn that goes well logs nothing here.
    private static void LogRejected(ILoggerFactory loggers, string reason, int statusCode)
    {
        var logger = loggers.CreateLogger(typeof(MessagesApi));
        LogRejected(logger, reason, statusCode);
    }

    private static void LogUnauthorized(ILoggerFactory loggers, string reason)
    {
        var logger = loggers.CreateLogger(typeof(MessagesApi));
        LogUnauthorized(logger, reason);
    }

    private static void LogTimedOut(ILoggerFactory loggers, string? activityType, double timeoutSeconds)
    {
        var logger = loggers.CreateLogger(typeof(MessagesApi));
        LogTimedOut(logger, activityType, timeoutSeconds);
    }

    private static IResult Problem(int status, string title, string detail)
        => Results.Problem(detail: detail, statusCode: status, title: title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected an activity ({Reason}) with {StatusCode}")]
    private static partial void LogRejected(ILogger logger, string reason, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request's credentials: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn did not finish within {TimeoutSeconds} s")]
    private static partial void LogTimedOut(ILogger logger, string? activityType, double timeoutSeconds);

    private sealed record ServiceUrlCheck(string Url, bool IsRemote);

    /// <summary>What the endpoint uses, resolved once (every one is a singleton; options are read once, as they are bound once).</summary>
    private sealed record EndpointServices(
        CloudAdapter Adapter,
        IBotAuthenticator Authenticator,
        MessagesThrottle Throttle,
        IBot Bot,
        BotHostOptions HostOptions,
        BotAuthenticationOptions AuthOptions,
        IHostApplicationLifetime Lifetime,
        ILoggerFactory LoggerFactory)
    {
        public static EndpointServices From(IServiceProvider services) => new(
            services.GetRequiredService<CloudAdapter>(),
            services.GetRequiredService<IBotAuthenticator>(),
            services.GetRequiredService<MessagesThrottle>(),
            services.GetRequiredService<IBot>(),
            services.GetRequiredService<IOptions<BotHostOptions>>().Value,
            services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value,
            services.GetRequiredService<IHostApplicationLifetime>(),
            services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>
    /// The body of an <c>expectReplies</c> turn, written with <see cref="ActivityWriter"/> straight into the response
    /// (the same JSON as the serializer's, without its per-request resolution of the runtime type and its resumable
    /// converters), with its length, so the response is not chunked.
    /// </summary>
    private sealed class RepliesResult(int status, ExpectedReplies replies) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            var body = response.BodyWriter;
            using (var writer = new Utf8JsonWriter(body, ActivityWriter.WriterOptions))
            {
                ActivityWriter.Write(writer, replies);
                writer.Flush();
                response.ContentLength = writer.BytesCommitted;
            }

            var flush = body.FlushAsync(httpContext.RequestAborted);
            return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
        }
    }
}
