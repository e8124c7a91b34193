using System.Globalization;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

/// <summary>Direct Line's error body <c>{ "error": { "code", "message" } }</c>, with the headers some errors need.</summary>
internal static class DirectLineErrors
{
    public static IResult Error(int status, string code, string message)
        => TypedResults.Json(new ErrorResponse { Error = new Error { Code = code, Message = message } }, BotJson.Options, statusCode: status);

    public static IResult Unauthorized(string message) => new WithHeader(Error(StatusCodes.Status401Unauthorized, "Unauthorized", message), "WWW-Authenticate", "Bearer");

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult ConversationNotFound() => Error(StatusCodes.Status404NotFound, "ConversationNotFound",
        "No such conversation: it was never started, or it has passed its retention. Start a new one with POST conversations.");

    public static IResult Throttled(TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        return new WithHeader(
            Error(StatusCodes.Status429TooManyRequests, "Throttled", $"Too many calls with this token; wait {seconds} s before the next one."),
            "Retry-After",
            seconds.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
