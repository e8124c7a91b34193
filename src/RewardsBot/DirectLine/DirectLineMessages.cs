using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

/// <summary>The optional body of tokens/generate and conversations (TokenParameters; DirectLineJS sends <c>{ user, locale }</c>).</summary>
internal sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }
    public string? Locale { get; set; }
    public List<string>? TrustedOrigins { get; set; }
}

/// <summary>The answer of tokens/generate and tokens/refresh.</summary>
internal sealed record TokenAnswer(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The answer of a conversation start or reconnect.</summary>
internal sealed record ConversationAnswer(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string StreamUrl);

/// <summary>Reads the small JSON bodies of token and start calls.</summary>
internal static partial class DirectLineBodies
{
    public const int MaxParametersBytes = 16 * 1024;

    /// <summary>The parameters (null for an empty body), or the 4xx to answer.</summary>
    public static async Task<(TokenParameters? Parameters, IResult? Refusal)> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxParametersBytes)
        {
            return (null, TooLarge(MaxParametersBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxParametersBytes)
            {
                return (null, TooLarge(MaxParametersBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, null);
        }

        try
        {
            var parameters = JsonSerializer.Deserialize<TokenParameters>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), BotJson.Options);
            return (parameters, null);
        }
        catch (JsonException ex)
        {
            return (null, DirectLineErrors.BadArgument($"The body is not valid JSON parameters (at {ex.Path ?? "$"}); send {{ \"user\": {{ \"id\": \"...\" }} }} or nothing."));
        }
    }

    public static IResult TooLarge(int maxBytes)
        => DirectLineErrors.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The body may be at most {maxBytes} bytes.");

    /// <summary>A BCP-47-looking locale, else null (an odd locale is ignored, never a reason to refuse).</summary>
    public static string? Locale(string? locale) => locale is not null && LocaleShape().IsMatch(locale) ? locale : null;

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocaleShape();
}
