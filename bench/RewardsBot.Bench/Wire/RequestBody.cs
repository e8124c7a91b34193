using System.Buffers;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// One worker's buffer for the JSON bodies it sends, reused for every request (a worker sends one at a time): written,
/// posted, then started again for the next.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private readonly ArrayBufferWriter<byte> _bytes = new(4 * 1024);
    private readonly Utf8JsonWriter _writer;

    public RequestBody() => _writer = new Utf8JsonWriter(_bytes);

    /// <summary>An empty writer for the next body; what was written before is dropped.</summary>
    public Utf8JsonWriter Start()
    {
        _bytes.ResetWrittenCount();
        _writer.Reset(_bytes);
        return _writer;
    }

    /// <summary>The body written since <see cref="Start"/>, valid until the next start.</summary>
    public ReadOnlyMemory<byte> Written
    {
        get
        {
            _writer.Flush();
            return _bytes.WrittenMemory;
        }
    }

    public void Dispose() => _writer.Dispose();
}
