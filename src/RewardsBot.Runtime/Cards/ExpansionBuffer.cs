using System.Buffers;
using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// The buffer and writer an expansion writes its card into, kept per thread between expansions (a card is read back
/// from the buffer before the next expansion on the thread starts, so one is enough).
/// </summary>
internal sealed class ExpansionBuffer
{
    /// <summary>A buffer that grew past this (a very large card) is left to the collector rather than kept.</summary>
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic]
    private static ExpansionBuffer? cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private ExpansionBuffer() => Writer = new Utf8JsonWriter(_buffer, CardTemplate.WriterOptions);

    public Utf8JsonWriter Writer { get; }

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public static ExpansionBuffer Rent()
    {
        var buffer = cached ?? new ExpansionBuffer();
        cached = null;
        return buffer;
    }

    public static void Return(ExpansionBuffer buffer)
    {
        if (buffer._buffer.Capacity > KeptBytes)
        {
            return;
        }

        buffer._buffer.ResetWrittenCount();
        buffer.Writer.Reset(buffer._buffer);
        cached = buffer;
    }
}
