using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace RewardsBot.HelpPage;

/// <summary>
/// The two Direct Line 3.0 calls a site's server makes with the channel secret: <c>POST tokens/generate</c> (a token
/// for a new conversation, with the user id bound inside it) and <c>GET conversations/{id}</c> (a fresh token for a
/// conversation that already exists).
/// </summary>
public sealed class DirectLineTokenClient(HttpClient http)
{
    /// <summary>Direct Line's usual token lifetime, when an answer does not say.</summary>
    private const int DefaultExpiresIn = 1800;

    public async Task<DirectLineConversation> GenerateAsync(Uri tokenEndpoint, string secret, HelpPageUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentNullException.ThrowIfNull(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = JsonContent.Create(new GenerateRequest(new UserAccount(user.Id, user.Name))),
        };
        var answer = await SendAsync(request, secret, "tokens/generate", cancellationToken);
        return answer ?? throw new HelpPageTokenException("Direct Line answered tokens/generate with 404: check HelpPage:DirectLine:TokenEndpoint.");
    }

    /// <summary>A fresh token for <paramref name="conversationId"/>; null when Direct Line no longer knows it (403/404).</summary>
    public Task<DirectLineConversation?> ReconnectAsync(Uri domain, string secret, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var address = new Uri(WithTrailingSlash(domain), "conversations/" + Uri.EscapeDataString(conversationId));
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        return SendAsync(request, secret, "conversations/{id}", cancellationToken);
    }

    internal static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private async Task<DirectLineConversation?> SendAsync(HttpRequestMessage request, string secret, string call, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new HelpPageTokenException($"Direct Line could not be reached for {call}: {e.Message}", inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HelpPageTokenException($"Direct Line did not answer {call} in time.", inner: e);
        }

        using (response)
        {
            if (request.Method == HttpMethod.Get && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HelpPageTokenException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"Direct Line refused the secret for {call} ({(int)response.StatusCode}): check the Direct Line secret setting."
                    : $"Direct Line answered {call} with {(int)response.StatusCode}.");
            }

            DirectLineConversation? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<DirectLineConversation>(cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new HelpPageTokenException($"Direct Line's answer to {call} is not the expected JSON.", inner: e);
            }

            if (answer is not { Token.Length: > 0, ConversationId.Length: > 0 })
            {
                throw new HelpPageTokenException($"Direct Line's answer to {call} has no token or conversation id.");
            }

            return answer.ExpiresIn > 0 ? answer : answer with { ExpiresIn = DefaultExpiresIn };
        }
    }

    private sealed record GenerateRequest([property: JsonPropertyName("user")] UserAccount User);

    private sealed record UserAccount([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("name")] string Name);
}

/// <summary>Direct Line's answer: <c>{ conversationId, token, expires_in }</c>.</summary>
public sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
