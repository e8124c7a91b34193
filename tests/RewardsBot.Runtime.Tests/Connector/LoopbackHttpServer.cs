using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RewardsBot.Runtime.Tests.Connector;

/// <summary>A request as it arrived on the wire: the request target is exactly what the client sent.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One scripted answer. <see cref="Hang"/> holds the connection open without answering.</summary>
internal sealed record ScriptedResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static ScriptedResponse NoAnswer { get; } = new(0, Hang: true);

    public static ScriptedResponse Json(int status, string body, params (string Name, string Value)[] headers)
        => new(status, body, headers.ToDictionary(h => h.Name, h => h.Value));

    public static ScriptedResponse Error(int status, string code, params (string Name, string Value)[] headers)
        => Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"channel says {{{code}}}"}}""", headers);

    public static ScriptedResponse Empty(int status, params (string Name, string Value)[] headers)
        => new(status, null, headers.ToDictionary(h => h.Name, h => h.Value));
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (one request per connection, <c>Connection: close</c>) that records every
/// request and answers from a script; the last scripted response repeats once the script runs out.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ScriptedResponse[] script;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task acceptLoop;
    private int answered;

    private LoopbackHttpServer(ScriptedResponse[] script)
    {
        this.script = script.Length > 0 ? script : throw new ArgumentException("Script at least one response.", nameof(script));
        listener.Start();
        acceptLoop = AcceptAsync(stopping.Token);
    }

    public static LoopbackHttpServer Start(params ScriptedResponse[] script) => new(script);

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary><c>http://127.0.0.1:{port}</c>, without a trailing slash.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Completes when the first request has been read in full.</summary>
    public Task FirstRequestReceived => firstRequest.Task;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(() => ServeAsync(client, cancellationToken), cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, cancellationToken);
            requests.Enqueue(request);
            firstRequest.TrySetResult();
            var response = script[Math.Min(Interlocked.Increment(ref answered) - 1, script.Length - 1)];
            if (response.Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await stream.WriteAsync(Encode(response), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
            // The client gave up (timeout, cancellation) or the test ended.
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The client closed the connection before sending a full request head.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new RecordedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static byte[] Encode(ScriptedResponse response)
    {
        var body = response.Body is null ? [] : Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (response.Body is not null)
        {
            head.Append("Content-Type: application/json; charset=utf-8\r\n");
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            head.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }
}
