using System.Buffers;
using System.Text.Json;

namespace RewardsBot.Runtime.Schema;

/// <summary>
/// Writes one JSON value with <see cref="ActivityWriter.WriterOptions"/> (the serializer's output for
/// <see cref="BotJson.Options"/>) into a buffer kept per thread, and returns its bytes: the hand-written writers of
/// what a turn keeps as text (its replies, a prompt's options) allocate the result and nothing else.
/// </summary>
internal static class JsonBytes
{
    /// <summary>The bytes <paramref name="write"/> writes for <paramref name="value"/> (a new array).</summary>
    public static byte[] Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = Buffer.Rent();
        try
        {
            write(buffer.Writer, value);
            buffer.Writer.Flush();
            return buffer.Written.ToArray();
        }
        finally
        {
            Buffer.Return(buffer);
        }
    }

    /// <summary>The buffer and its writer, kept per thread between uses.</summary>
    private sealed class Buffer
    {
        /// <summary>A buffer that grew past this (very large replies) is left to the collector rather than kept.</summary>
        private const int KeptBytes = 64 * 1024;

        [ThreadStatic]
        private static Buffer? cached;

        private readonly ArrayBufferWriter<byte> _buffer = new(8192);

        private Buffer() => Writer = new Utf8JsonWriter(_buffer, ActivityWriter.WriterOptions);

        public Utf8JsonWriter Writer { get; }

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public static Buffer Rent()
        {
            var buffer = cached ?? new Buffer();
            cached = null;
            return buffer;
        }

        public static void Return(Buffer buffer)
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
}
