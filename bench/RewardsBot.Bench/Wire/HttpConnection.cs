using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;

namespace RewardsBot.Bench.Wire;

/// <summary>An HTTP answer: its status and its body, the first <see cref="Length"/> bytes of a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> that the receiver now owns.</summary>
internal readonly record struct HttpAnswer(int Status, byte[] Body, int Length)
{
    public bool IsSuccess => Status is >= 200 and <= 299;
}

/// <summary>
/// One keep-alive HTTP/1.1 connection that POSTs JSON, one request at a time: the least a client can do per request,
/// because the load generator's CPU is taken from the bot it measures. The request (head and body) goes out in one
/// write from a reused buffer; the answer is read into one pooled buffer, its head parsed in place. It speaks what the
/// exchange needs and fails clearly on anything else: a body framed by <c>Content-Length</c>, by
/// <c>Transfer-Encoding: chunked</c> (decoded in place) or by the end of the connection; interim 1xx answers skipped;
/// <c>Connection: close</c> (or HTTP/1.0) honoured by connecting again for the next request. As HttpClient does, a
/// request that fails on a reused connection before any byte of its answer came (the server closed it meanwhile) is
/// sent once more on a new one.
/// </summary>
/// <remarks>
/// No timeout of its own: the owner calls <see cref="AbortIfStartedBefore"/> now and then (one timer for all
/// connections instead of one per request).
/// </remarks>
internal sealed class HttpConnection(HttpTarget target) : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private const int MaxLineBytes = 8 * 1024;
    private const int MaxBodyBytes = 1 << 28;

    /// <summary>What <see cref="_busySince"/> holds once <see cref="AbortIfStartedBefore"/> aborted the request.</summary>
    private const long Aborted = -1;

    private Socket? _socket;
    private Stream? _stream;

    /// <summary>The request being sent: head and body, one write.</summary>
    private byte[] _request = new byte[4 * 1024];

    /// <summary>The answer being read (pooled), and how much of it has been received.</summary>
    private byte[] _answer = [];
    private int _end;
    private long _received;

    /// <summary>The largest body seen lately: the next answer's buffer is rented for it.</summary>
    private int _bodyHint = 8 * 1024;

    /// <summary>When the request in flight started (<see cref="Stopwatch"/> ticks); 0 between requests.</summary>
    private long _busySince;

    private enum Framing { None, Length, Chunked, UntilClose }

    /// <summary>Sends <paramref name="json"/> and reads the whole answer, whatever its status.</summary>
    /// <exception cref="HttpRequestException">The connection failed or the answer is not HTTP/1.x as this client reads it.</exception>
    /// <exception cref="TimeoutException">The owner aborted the request (<see cref="AbortIfStartedBefore"/>).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpAnswer> PostAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var length = WriteRequest(json.Span);
        Volatile.Write(ref _busySince, Stopwatch.GetTimestamp());
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var fresh = _stream is null;
                try
                {
                    if (fresh)
                    {
                        await ConnectAsync(cancellationToken);
                    }

                    _received = 0;
                    await _stream!.WriteAsync(_request.AsMemory(0, length), cancellationToken);
                    return await ReadAnswerAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or AuthenticationException or HttpRequestException or OperationCanceledException)
                {
                    Close();
                    ReleaseAnswer();
                    if (Volatile.Read(ref _busySince) == Aborted)
                    {
                        throw new TimeoutException("No complete answer within the turn's time; the connection was closed.", ex);
                    }

                    if (!fresh && attempt == 0 && _received == 0 && ex is IOException or SocketException)
                    {
                        continue; // a connection that answered before, closed by the server meanwhile: once more on a new one
                    }

                    if (ex is HttpRequestException or OperationCanceledException)
                    {
                        throw;
                    }

                    throw new HttpRequestException(HttpRequestError.Unknown, ex.Message, ex);
                }
            }
        }
        finally
        {
            if (Interlocked.Exchange(ref _busySince, 0) == Aborted)
            {
                Close(); // aborted as the answer completed: the socket may be closing under it
            }

            ReleaseAnswer(); // when not handed over: the request failed
        }
    }

    /// <summary>
    /// Closes the connection under a request in flight since before <paramref name="timestamp"/> (<see cref="Stopwatch"/>
    /// ticks): that request then fails with a <see cref="TimeoutException"/>. Safe from any thread.
    /// </summary>
    public void AbortIfStartedBefore(long timestamp)
    {
        var since = Volatile.Read(ref _busySince);
        var socket = _socket;
        if (since > 0 && since < timestamp && Interlocked.CompareExchange(ref _busySince, Aborted, since) == since)
        {
            socket?.Dispose();
        }
    }

    public void Dispose() => Close();

    private void ReleaseAnswer()
    {
        if (_answer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_answer);
            _answer = [];
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _socket?.Dispose();
        (_stream, _socket) = (null, null);
    }

    private async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket = socket;
        await socket.ConnectAsync(target.EndPoint, cancellationToken);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (target.TlsHost is { } host)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = tls;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken);
        }

        _stream = stream;
    }

    /// <summary>The head (its fixed start, the body's length) and the body, one after the other in the reused buffer.</summary>
    private int WriteRequest(ReadOnlySpan<byte> json)
    {
        var start = target.HeadStart;
        var needed = start.Length + 24 + json.Length;
        if (_request.Length < needed)
        {
            _request = new byte[Math.Max(needed, 2 * _request.Length)];
        }

        var request = _request.AsSpan();
        start.CopyTo(request);
        var length = start.Length;
        Utf8Formatter.TryFormat(json.Length, request[length..], out var digits);
        length += digits;
        "\r\n\r\n"u8.CopyTo(request[length..]);
        length += 4;
        json.CopyTo(request[length..]);
        return length + json.Length;
    }

    /// <summary>The answer to the request just sent: head parsed, body read as framed and moved to the buffer's start.</summary>
    /// <remarks>The usual answer (head and a <c>Content-Length</c> body) is read here without a further async call.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpAnswer> ReadAnswerAsync(CancellationToken cancellationToken)
    {
        _answer = ArrayPool<byte>.Shared.Rent(Replies.BufferFor(_bodyHint + 512));
        _end = 0;
        while (true)
        {
            var headEnd = -1;
            for (var searched = 0; headEnd < 0;)
            {
                var found = _answer.AsSpan(searched, _end - searched).IndexOf("\r\n\r\n"u8);
                if (found >= 0)
                {
                    headEnd = searched + found + 4;
                }
                else if (_end >= MaxHeadBytes)
                {
                    throw Invalid("its head is longer than 64 KB");
                }
                else
                {
                    searched = Math.Max(0, _end - 3);
                    if (Received(await _stream!.ReadAsync(FreeSpace(), cancellationToken)) == 0)
                    {
                        throw _end == 0 ? new ClosedBeforeAnswerException() : (Exception)Invalid("the server closed the connection within the head");
                    }
                }
            }

            var head = Head.Parse(_answer.AsSpan(0, headEnd));
            _answer.AsSpan(headEnd, _end - headEnd).CopyTo(_answer); // what came of the body, now at the start
            _end -= headEnd;
            if (head.Status is >= 100 and <= 199)
            {
                continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
            }

            int length;
            bool close;
            if (head.Framing == Framing.Length)
            {
                // A body of Content-Length bytes; bytes after it (never sent by a server that keeps to the protocol)
                // close the connection.
                if (head.ContentLength > MaxBodyBytes)
                {
                    throw Invalid($"its Content-Length {head.ContentLength} is over {MaxBodyBytes} bytes");
                }

                length = (int)head.ContentLength;
                EnsureCapacity(Replies.BufferFor(length));
                while (_end < length)
                {
                    if (Received(await _stream!.ReadAsync(FreeSpace(), cancellationToken)) == 0)
                    {
                        throw Invalid($"the server closed the connection after {_end} of {length} body bytes");
                    }
                }

                close = _end > length;
            }
            else
            {
                (length, close) = head.Framing switch
                {
                    Framing.None => (0, _end > 0),
                    Framing.Chunked => await ReadChunkedAsync(cancellationToken),
                    _ => (await ReadToEndAsync(cancellationToken), true),
                };
            }

            _bodyHint = Math.Min(Math.Max(length, _bodyHint - (_bodyHint / 16)), 1 << 20); // follows growth at once, shrinking slowly
            if (close || head.Close)
            {
                Close();
            }

            var body = _answer;
            _answer = [];
            return new HttpAnswer(head.Status, body, length);
        }
    }

    /// <summary>A chunked body, each chunk's data moved down over the chunk lines as it is read.</summary>
    private async ValueTask<(int Length, bool Close)> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var decoded = 0;
        while (true)
        {
            var lineEnd = await LineEndAsync(decoded, cancellationToken);
            var size = ChunkSize(_answer.AsSpan(decoded, lineEnd - decoded));
            var data = lineEnd + 2;
            if (size == 0)
            {
                var trailer = data;
                while (true)
                {
                    var trailerEnd = await LineEndAsync(trailer, cancellationToken);
                    var empty = trailerEnd == trailer;
                    trailer = trailerEnd + 2;
                    if (empty)
                    {
                        return (decoded, _end > trailer);
                    }
                }
            }

            if (size > MaxBodyBytes - decoded)
            {
                throw Invalid($"its chunked body is over {MaxBodyBytes} bytes");
            }

            var chunkEnd = data + (int)size;
            EnsureCapacity(chunkEnd + 2);
            while (_end < chunkEnd + 2)
            {
                if (await ReadMoreAsync(cancellationToken) == 0)
                {
                    throw Invalid("the server closed the connection within a chunk");
                }
            }

            if (_answer[chunkEnd] != '\r' || _answer[chunkEnd + 1] != '\n')
            {
                throw Invalid("a chunk's data does not end with CRLF");
            }

            _answer.AsSpan(data, (int)size).CopyTo(_answer.AsSpan(decoded));
            decoded += (int)size;
            _answer.AsSpan(chunkEnd + 2, _end - (chunkEnd + 2)).CopyTo(_answer.AsSpan(decoded)); // the rest, after the data
            _end = decoded + (_end - (chunkEnd + 2));
        }
    }

    /// <summary>A body without length: everything until the server closes the connection.</summary>
    private async ValueTask<int> ReadToEndAsync(CancellationToken cancellationToken)
    {
        while (await ReadMoreAsync(cancellationToken) > 0)
        {
            if (_end > MaxBodyBytes)
            {
                throw Invalid($"its body is over {MaxBodyBytes} bytes");
            }
        }

        return _end;
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends (its CR), reading until it is complete.</summary>
    private async ValueTask<int> LineEndAsync(int start, CancellationToken cancellationToken)
    {
        var searched = start;
        while (true)
        {
            var found = _answer.AsSpan(searched, _end - searched).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                return searched + found;
            }

            if (_end - start > MaxLineBytes)
            {
                throw Invalid("a chunk line is longer than 8 KB");
            }

            searched = Math.Max(start, _end - 1);
            if (await ReadMoreAsync(cancellationToken) == 0)
            {
                throw Invalid("the server closed the connection within a chunked body");
            }
        }
    }

    /// <summary>Reads what has arrived after <see cref="_end"/>; 0 when the server closed.</summary>
    private async ValueTask<int> ReadMoreAsync(CancellationToken cancellationToken)
        => Received(await _stream!.ReadAsync(FreeSpace(), cancellationToken));

    /// <summary>The free part of the answer's buffer after <see cref="_end"/>, the buffer grown when it is full.</summary>
    private Memory<byte> FreeSpace()
    {
        if (_end == _answer.Length)
        {
            EnsureCapacity(2 * _answer.Length);
        }

        return _answer.AsMemory(_end);
    }

    /// <summary>Counts <paramref name="read"/> bytes just read into <see cref="FreeSpace"/>.</summary>
    private int Received(int read)
    {
        _end += read;
        _received += read;
        return read;
    }

    private void EnsureCapacity(int capacity)
    {
        if (_answer.Length < capacity)
        {
            var larger = ArrayPool<byte>.Shared.Rent(capacity);
            _answer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_answer);
            _answer = larger;
        }
    }

    /// <summary>A chunk line's size: hex digits, then optionally extensions after <c>;</c> (ignored).</summary>
    private static long ChunkSize(ReadOnlySpan<byte> line)
    {
        var extensions = line.IndexOf((byte)';');
        var digits = (extensions >= 0 ? line[..extensions] : line).TrimEnd(" \t"u8);
        if (digits.Length is 0 or > 8 || !Utf8Parser.TryParse(digits, out uint size, out var consumed, 'x') || consumed != digits.Length)
        {
            throw Invalid("a chunk size is not a hex number of at most 8 digits");
        }

        return size;
    }

    private static HttpRequestException Invalid(string what)
        => new(HttpRequestError.InvalidResponse, $"The answer is not HTTP/1.1 as this client reads it: {what}.");

    /// <summary>The server closed the connection before sending any byte of the answer.</summary>
    private sealed class ClosedBeforeAnswerException() : IOException("The server closed the connection before answering.");

    /// <summary>What the head of an answer says: its status, how its body is framed, whether the connection closes after it.</summary>
    private readonly record struct Head(int Status, Framing Framing, long ContentLength, bool Close)
    {
        /// <summary>Reads the status line and the headers (<paramref name="head"/> ends with the empty line).</summary>
        public static Head Parse(ReadOnlySpan<byte> head)
        {
            var lineEnd = head.IndexOf("\r\n"u8);
            var statusLine = head[..lineEnd];
            if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != ' '
                || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
                || (statusLine.Length > 12 && statusLine[12] != ' '))
            {
                throw Invalid("its status line is not 'HTTP/1.x nnn reason'");
            }

            if (status == 101)
            {
                throw Invalid("it switches protocols (101), which no request asked for");
            }

            var http10 = statusLine[7] == '0';
            long contentLength = -1;
            var (chunked, close, keepAlive) = (false, false, false);
            for (var rest = head[(lineEnd + 2)..]; ; )
            {
                lineEnd = rest.IndexOf("\r\n"u8);
                var line = rest[..lineEnd];
                rest = rest[(lineEnd + 2)..];
                if (line.IsEmpty)
                {
                    break;
                }

                var colon = line.IndexOf((byte)':');
                if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
                {
                    throw Invalid("a header line is not 'name: value'");
                }

                var name = line[..colon];
                var value = line[(colon + 1)..].Trim(" \t"u8);
                if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    if (!Utf8Parser.TryParse(value, out long parsed, out consumed) || consumed != value.Length || parsed < 0
                        || (contentLength >= 0 && contentLength != parsed))
                    {
                        throw Invalid("its Content-Length is not one number");
                    }

                    contentLength = parsed;
                }
                else if (System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
                    if (!System.Text.Ascii.EqualsIgnoreCase(last, "chunked"u8))
                    {
                        throw Invalid($"its Transfer-Encoding '{System.Text.Encoding.ASCII.GetString(value)}' is not chunked, the only one this client decodes");
                    }

                    chunked = true;
                }
                else if (System.Text.Ascii.EqualsIgnoreCase(name, "Connection"u8))
                {
                    foreach (var range in value.Split((byte)','))
                    {
                        var option = value[range].Trim(" \t"u8);
                        close |= System.Text.Ascii.EqualsIgnoreCase(option, "close"u8);
                        keepAlive |= System.Text.Ascii.EqualsIgnoreCase(option, "keep-alive"u8);
                    }
                }
            }

            var framing = status is (>= 100 and <= 199) or 204 or 304 ? Framing.None
                : chunked ? Framing.Chunked
                : contentLength >= 0 ? Framing.Length
                : Framing.UntilClose;
            return new Head(status, framing, contentLength, close || (http10 && !keepAlive)); // HTTP/1.0 closes unless it says keep-alive
        }
    }
}
