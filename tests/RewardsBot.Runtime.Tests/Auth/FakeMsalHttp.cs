using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Identity.Client;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>
/// Answers MSAL's HTTP calls in-process (Azure AD cannot be reached from the test machine): instance discovery,
/// client-credentials token requests and managed-identity token requests. Records every request.
/// </summary>
internal sealed class FakeMsalHttp : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient client;
    private int tokensIssued;

    public FakeMsalHttp() => client = new HttpClient(new Handler(this));

    public ConcurrentQueue<(HttpMethod Method, Uri Uri, string Body)> Requests { get; } = new();

    public int ClientsHandedOut { get; private set; }

    public HttpStatusCode TokenStatus { get; set; } = HttpStatusCode.OK;

    public TimeSpan TokenDelay { get; set; }

    public IEnumerable<(HttpMethod Method, Uri Uri, string Body)> TokenRequests =>
        Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal));

    public HttpClient GetHttpClient()
    {
        ClientsHandedOut++;
        return client;
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!, body));
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/discovery/instance", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, """
                {"tenant_discovery_endpoint":"https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration","api-version":"1.1",
                 "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net",
                 "aliases":["login.microsoftonline.com","login.windows.net","login.microsoft.com","sts.windows.net"]}]}
                """);
        }

        if (!path.EndsWith("/token", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        await Task.Delay(TokenDelay, cancellationToken);
        if (TokenStatus != HttpStatusCode.OK)
        {
            return Json(TokenStatus, """
                {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}
                """);
        }

        var number = Interlocked.Increment(ref tokensIssued);
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Json(HttpStatusCode.OK, $$"""
            {"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"expires_on":"{{expiresOn}}","resource":"https://api.botframework.com","access_token":"access-token-{{number}}"}
            """);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed class Handler(FakeMsalHttp owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.AnswerAsync(request, cancellationToken);
    }
}
