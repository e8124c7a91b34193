using System.Globalization;
using System.Net;
using System.Text;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// Where <see cref="HttpConnection"/> POSTs JSON: the endpoint to connect to, the TLS host name for <c>https</c>, and
/// the fixed start of every request's head, encoded once. The head is the one HttpClient sends for the same POST:
/// request line, <c>Host</c>, <c>Content-Type: application/json</c>, then <c>Content-Length</c> (written per request).
/// </summary>
internal sealed class HttpTarget
{
    public HttpTarget(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{url}' is not an http:// or https:// URL; pass the bot's address, e.g. --url http://localhost:3978.", nameof(url));
        }

        EndPoint = IPAddress.TryParse(url.DnsSafeHost, out var address) ? new IPEndPoint(address, url.Port) : new DnsEndPoint(url.DnsSafeHost, url.Port);
        TlsHost = url.Scheme == Uri.UriSchemeHttps ? url.IdnHost : null;
        var host = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.DnsSafeHost}]" : url.IdnHost;
        var authority = url.IsDefaultPort ? host : host + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        HeadStart = Encoding.ASCII.GetBytes($"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nContent-Length: ");
    }

    public EndPoint EndPoint { get; }

    /// <summary>The server name to authenticate over TLS; null for plain <c>http</c>.</summary>
    public string? TlsHost { get; }

    /// <summary>The request head up to the <c>Content-Length</c> value.</summary>
    public byte[] HeadStart { get; }
}
