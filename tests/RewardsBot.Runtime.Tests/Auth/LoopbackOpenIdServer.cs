using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>
/// A real HTTP server on 127.0.0.1 that serves OpenID configuration documents and JWKS for named key sets
/// (<c>/{set}/openid</c> → <c>/{set}/keys</c>) and counts the requests per path.
/// </summary>
internal sealed class LoopbackOpenIdServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, TestSigningKey[]> keySets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requestCounts = new(StringComparer.Ordinal);
    private readonly Task loop;

    public LoopbackOpenIdServer()
    {
        Port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        listener.Prefixes.Add(BaseUrl.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>How long each response waits, so concurrent callers overlap.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>When set, every request is answered with this status and no body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When set, the OpenID configuration documents name this jwks_uri instead of the local one.</summary>
    public string? JwksUriOverride { get; set; }

    public Uri MetadataUrl(string set) => new(BaseUrl, $"{set}/openid");

    public void Publish(string set, params TestSigningKey[] keys) => keySets[set] = keys;

    public int Requests(string path) => requestCounts.GetValueOrDefault(path);

    public int KeyRequests(string set) => Requests($"/{set}/keys");

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        requestCounts.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay);
        }

        var body = FailWith is null ? Document(path) : null;
        context.Response.StatusCode = (int)(FailWith ?? (body is null ? HttpStatusCode.NotFound : HttpStatusCode.OK));
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
        }

        context.Response.Close();
    }

    private string? Document(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length != 2 || !keySets.TryGetValue(parts[0], out var keys))
        {
            return null;
        }

        return parts[1] switch
        {
            "openid" => new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["jwks_uri"] = JwksUriOverride ?? new Uri(BaseUrl, $"{parts[0]}/keys").ToString(),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString(),
            "keys" => new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => k.ToJwk())]) }.ToJsonString(),
            _ => null,
        };
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
