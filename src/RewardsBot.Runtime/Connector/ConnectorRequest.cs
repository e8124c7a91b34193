using System.Net.Http.Headers;
using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Connector;

/// <summary>
/// One Connector operation, ready to send: method, absolute URI and body bytes. Every attempt gets a fresh
/// <see cref="HttpRequestMessage"/> from <see cref="CreateMessage"/>, because a sent message cannot be sent again.
/// </summary>
internal sealed class ConnectorRequest
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private ConnectorRequest(string operation, HttpMethod method, Uri uri, byte[]? body)
    {
        Operation = operation;
        Method = method;
        Uri = uri;
        Body = body;
    }

    /// <summary>The operation's name for logs and exceptions (e.g. <c>ReplyToActivity</c>).</summary>
    public string Operation { get; }
    public HttpMethod Method { get; }
    public Uri Uri { get; }
    public byte[]? Body { get; }

    /// <summary>Host and port only: safe to log (no path ids, no query).</summary>
    public string Host => Uri.Authority;

    public static ConnectorRequest ForActivities(
        string operation, HttpMethod method, string serviceUrl, string conversationId, string? activityId, byte[]? body)
        => new(operation, method, ActivitiesUri(serviceUrl, conversationId, activityId), body);

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]</c>: any path in the service URL
    /// is kept (Teams' <c>/amer/</c>), one slash joins the parts, and the ids are percent-encoded because Teams ids
    /// contain <c>:;@=</c> and Emulator ids contain <c>|</c>.
    /// </summary>
    public static Uri ActivitiesUri(string serviceUrl, string conversationId, string? activityId)
    {
        var baseUri = ParseServiceUrl(serviceUrl);
        var path = $"{baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/v3/conversations/{EscapeId(conversationId, nameof(conversationId))}/activities";
        if (activityId is not null)
        {
            path += "/" + EscapeId(activityId, nameof(activityId));
        }

        return new Uri(path, UriKind.Absolute);
    }

    /// <summary>The activity as JSON; with <paramref name="keepId"/> false, without its <c>id</c> (the channel assigns ids).</summary>
    public static byte[] SerializeActivity(Activity activity, bool keepId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var json = BotJson.SerializeToUtf8Bytes(activity);
        return keepId || activity.Id is null ? json : WithoutTopLevelId(json);
    }

    public HttpRequestMessage CreateMessage(string? accessToken)
    {
        var message = new HttpRequestMessage(Method, Uri);
        message.Headers.Accept.Add(AcceptJson);
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = JsonContentType;
        }

        return message;
    }

    private static Uri ParseServiceUrl(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException(
                $"serviceUrl '{serviceUrl}' is not an absolute URI. Pass the serviceUrl of the incoming activity " +
                "(Activity.ServiceUrl or ConversationReference.ServiceUrl), e.g. https://smba.trafficmanager.net/amer/.",
                nameof(serviceUrl));
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException(
                $"serviceUrl must be an absolute http or https URI, but its scheme is '{uri.Scheme}'. Pass the serviceUrl " +
                "of the incoming activity (Activity.ServiceUrl or ConversationReference.ServiceUrl).",
                nameof(serviceUrl));
        }

        return uri;
    }

    private static string EscapeId(string id, string parameterName)
    {
        // "." and ".." would survive escaping and be collapsed by URI normalisation into a different resource.
        if (string.IsNullOrWhiteSpace(id) || id is "." or "..")
        {
            throw new ArgumentException(
                $"{parameterName} '{id}' is not a usable id. Pass the id from the incoming activity or from the " +
                "ResourceResponse the channel returned (e.g. Activity.Conversation.Id, Activity.Id).",
                parameterName);
        }

        return Uri.EscapeDataString(id);
    }

    private static byte[] WithoutTopLevelId(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BotJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("id"))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
