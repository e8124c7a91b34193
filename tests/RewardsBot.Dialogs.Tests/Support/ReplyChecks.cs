using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing.Schemas;
using Xunit.Sdk;

namespace RewardsBot.Dialogs.Tests.Support;

/// <summary>What every reply of the bot must satisfy, checked on each one a test produces.</summary>
public static partial class ReplyChecks
{
    /// <summary>A whole activity must stay under what Teams accepts (README: 28 KB UTF-8 budget).</summary>
    public const int MaxActivityBytes = 28 * 1024;

    private static readonly AdaptiveCardValidator Validator = new();

    /// <summary>Throws (failing the test) when a card is not valid Adaptive Card 1.5, or any text is unfinished.</summary>
    public static void Check(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var card in CardQueries.Cards(activity))
        {
            var result = Validator.Validate(card);
            if (!result.IsValid)
            {
                throw new XunitException("A card the bot sent is not valid:\n" + result + "\n" + card.ToJsonString());
            }
        }

        var json = BotJson.Serialize(activity);
        if (Placeholder().Match(CardQueries.AllText(activity)) is { Success: true } left)
        {
            throw new XunitException($"A reply still shows the placeholder '{left.Value}': {json}");
        }

        if (Encoding.UTF8.GetByteCount(json) > MaxActivityBytes)
        {
            throw new XunitException($"A reply is {Encoding.UTF8.GetByteCount(json)} bytes, over the {MaxActivityBytes}-byte budget.");
        }
    }

    /// <summary>
    /// Throws when the activity as the host writes it differs from what the serializer writes for it: the cards the bot
    /// makes are sent as the text they were expanded (and stamped) to, which must be the text of their trees. Call it
    /// before anything reads the cards (reading one makes its tree).
    /// </summary>
    public static void CheckWrittenAsSerialized(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ActivityWriter.WriterOptions))
        {
            ActivityWriter.Write(writer, activity);
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var serialized = BotJson.Serialize(activity);
        if (!string.Equals(written, serialized, StringComparison.Ordinal))
        {
            throw new XunitException($"A reply is written otherwise than serialized:\n{written}\n{serialized}");
        }
    }

    [GeneratedRegex(@"\$\{|\{[a-zA-Z][a-zA-Z0-9]*\}")]
    private static partial Regex Placeholder();
}
