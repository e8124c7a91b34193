using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RewardsBot.Tests.Hostile;

/// <summary>The Direct Line half of the generator: every route, with credentials, ids, watermarks and bodies of every kind.</summary>
public sealed partial class HostileRequests
{
    private const string DirectLinePrefix = "/v3/directline";

    private static readonly string[] Watermarks =
    [
        "", "0", "1", "2", "5", "-1", "abc", "99999999999999999999", "9223372036854775807", "1.5", " 1", "0x10", "１", "1e3",
        "%00", "null", "[]", new string('9', 1000),
    ];

    private int _floodSeat;

    private FuzzCase DirectLineCase() => _random.Next(11) switch
    {
        0 => Generate(),
        1 => Refresh(),
        2 => Start(),
        3 => Reconnect(),
        4 or 5 or 6 => Post(),
        7 => GetActivities(),
        8 => Stream(),
        9 => Unsupported(),
        _ => _random.Next(2) == 0 ? Post() : GetActivities(),
    };

    private HttpCase Generate()
    {
        var authorization = _random.Next(3) == 0 ? Credential(Seat()).Header : Bearer(targets.Secret);
        return _random.Next(6) switch
        {
            0 => NotJson("dl/generate-not-json", DirectLinePrefix + "/tokens/generate", authorization),
            1 => InvalidUtf8("dl/generate-invalid-utf8", DirectLinePrefix + "/tokens/generate", authorization, Json(new JsonObject { ["user"] = new JsonObject { ["id"] = "fuzz-user" } })),
            2 => new HttpCase("dl/generate-over-size", HttpMethod.Post, DirectLinePrefix + "/tokens/generate", authorization, Json(new JsonObject { ["user"] = new JsonObject { ["id"] = "u", ["name"] = RandomString(20_000) } })),
            _ => new HttpCase("dl/generate-parameters", HttpMethod.Post, DirectLinePrefix + "/tokens/generate", authorization, Json(Parameters())),
        };
    }

    private JsonObject Parameters() => new()
    {
        ["user"] = _random.Next(5) switch
        {
            0 => Junk(2),
            1 => new JsonObject { ["id"] = Pick<JsonNode?>(["", " ", null, 5, RandomString(300), "dl_\u0000x", new JsonObject()]), ["name"] = Junk(1) },
            _ => new JsonObject { ["id"] = "fuzz-" + RandomString(8), ["name"] = Text() },
        },
        ["locale"] = _random.Next(2) == 0 ? Pick(Locales) : Junk(1),
        ["trustedOrigins"] = _random.Next(2) == 0 ? Junk(2) : new JsonArray("https://attacker.example"),
    };

    private HttpCase Refresh()
    {
        var (category, header) = Credential(Seat());
        return new HttpCase("dl/refresh:" + category, HttpMethod.Post, DirectLinePrefix + "/tokens/refresh", header, ContentType: null);
    }

    private HttpCase Start()
    {
        var (category, header) = Credential(Seat());
        var body = _random.Next(4) switch
        {
            0 => null,
            1 => "{\"locale\":"u8.ToArray(),
            _ => Json(Parameters()),
        };
        return new HttpCase("dl/start:" + category, HttpMethod.Post, DirectLinePrefix + "/conversations", header, body, body is null ? null : "application/json");
    }

    private HttpCase Reconnect()
    {
        var seat = Seat();
        var (category, header) = Credential(seat);
        var (idCategory, id) = ConversationInPath(seat);
        return new HttpCase($"dl/reconnect:{category}:{idCategory}", HttpMethod.Get, $"{DirectLinePrefix}/conversations/{id}?watermark={Uri.EscapeDataString(Pick(Watermarks))}", header, ContentType: null);
    }

    private HttpCase GetActivities()
    {
        var seat = Seat();
        var (category, header) = Credential(seat);
        var (idCategory, id) = ConversationInPath(seat);
        var query = _random.Next(5) == 0 ? "" : "?watermark=" + Uri.EscapeDataString(Pick(Watermarks));
        return new HttpCase($"dl/get-activities:{category}:{idCategory}", HttpMethod.Get, $"{DirectLinePrefix}/conversations/{id}/activities{query}", header, ContentType: null);
    }

    private FuzzCase Stream()
    {
        var seat = Seat();
        var (category, header) = Credential(seat);
        var (idCategory, id) = ConversationInPath(seat);
        var token = header is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h["Bearer ".Length..] : _random.Next(2) == 0 ? "" : RandomString(20);
        var query = $"?t={Uri.EscapeDataString(token)}" + (_random.Next(2) == 0 ? "&watermark=" + Uri.EscapeDataString(Pick(Watermarks)) : "");
        var path = $"{DirectLinePrefix}/conversations/{id}/stream{query}";
        return _random.Next(4) == 0
            ? new HttpCase($"dl/stream-not-websocket:{category}", HttpMethod.Get, path, ContentType: null)
            : new StreamCase($"dl/stream:{category}:{idCategory}", path);
    }

    private HttpCase Unsupported()
    {
        var seat = Seat();
        var (category, header) = Credential(seat);
        var id = Uri.EscapeDataString(seat.ConversationId);
        var method = Pick([HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Get, HttpMethod.Post, HttpMethod.Head, HttpMethod.Options]);
        var path = Pick([
            $"/conversations/{id}/upload", $"/conversations/{id}/upload?userId=x", "/session/getsessionid", "", "/", "/tokens", "/tokens/generate",
            $"/conversations/{id}/activities/{RandomString(5)}", "/conversations/", "/conversations//activities", $"/conversations/{id}/stream",
            "/%2e%2e/%2e%2e/api/messages", "/" + Uri.EscapeDataString(RandomString(30)),
        ]);
        var body = method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch ? Json(Junk(2) ?? new JsonObject()) : null;
        return new HttpCase($"dl/other-route:{method}:{category}", method, DirectLinePrefix + path, header, body, body is null ? null : "application/json");
    }

    private HttpCase Post()
    {
        var seat = Seat();
        var (category, header) = Credential(seat);
        var (idCategory, id) = ConversationInPath(seat);
        var path = $"{DirectLinePrefix}/conversations/{id}/activities";
        var activity = WebChatMessage(Text());
        var kind = _random.Next(12);
        switch (kind)
        {
            case 0:
                var field = Pick(ActivityFields);
                Set(activity, field, WrongTypeFor(field));
                break;
            case 1:
                activity.Remove(Pick(["type", "from", "text", "channelId", "locale", "channelData"]));
                break;
            case 2:
                activity.Remove("text");
                activity["value"] = _random.Next(2) == 0
                    ? new JsonObject { ["_dialog"] = RandomString(10), ["answer"] = Junk(2), ["description"] = Pick(TemplateAndMarkup) }
                    : Junk(4);
                break;
            case 3:
                activity["type"] = Pick(ActivityTypeNames);
                break;
            case 4:
                activity["text"] = RandomString(Pick([5_000, 200_000, 300_000]));
                break;
            case 5:
                return InvalidUtf8($"dl/post-invalid-utf8:{category}", path, header, Json(activity));
            case 6:
                return WrongContentType($"dl/post-content-type:{category}", path, header, Json(activity));
            case 7:
                return NotJson($"dl/post-not-json:{category}", path, header);
            case 8:
                activity["from"] = new JsonObject { ["id"] = Pick(["demo-tomas", "dl_demo-tomas", "", RandomString(300)]), ["role"] = "bot" };
                break;
            case 9:
                activity["locale"] = Pick(Locales);
                activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = Junk(3) });
                break;
            default:
                break;
        }

        return new HttpCase($"dl/post:{kind}:{category}:{idCategory}", HttpMethod.Post, path, header, Json(activity));
    }

    private FloodCase DirectLineFlood()
    {
        var seat = _floodSeat < targets.FloodSeats.Count ? targets.FloodSeats[_floodSeat++] : Seat();
        var path = $"{DirectLinePrefix}/conversations/{Uri.EscapeDataString(seat.ConversationId)}/activities?watermark=1";
        var burst = Enumerable.Range(0, FloodSize).Select(_ => new HttpCase("dl/flood", HttpMethod.Get, path, Bearer(seat.Token), ContentType: null)).ToList();
        return new FloodCase("dl/flood-one-token", burst);
    }

    private JsonObject WebChatMessage(string text) => new()
    {
        ["type"] = "message",
        ["channelId"] = "webchat",
        ["from"] = new JsonObject { ["id"] = "r_webchat", ["name"] = "", ["role"] = "user" },
        ["locale"] = "en-US",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["channelData"] = new JsonObject { ["clientActivityID"] = RandomString(10) },
    };

    private DirectLineSeat Seat() => Pick(targets.DirectLine);

    private static string Bearer(string credential) => "Bearer " + credential;

    /// <summary>An Authorization header for a call about <paramref name="seat"/>'s conversation: mostly its own token, else anything.</summary>
    private (string Category, string? Header) Credential(DirectLineSeat seat)
    {
        var roll = _random.Next(20);
        var token = seat.Token;
        return roll switch
        {
            < 9 => ("token", Bearer(token)),
            9 or 10 => ("secret", Bearer(targets.Secret)),
            11 => ("other-conversation-token", Bearer(Pick(targets.DirectLine).Token)),
            12 => ("expired-token", Bearer(Pick(targets.ExpiredTokens))),
            13 => ("no-credential", null),
            14 => ("forged-token", Bearer(token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA"))),
            15 => ("tampered-payload", Bearer(Tamper(token))),
            16 => ("garbage-bearer", Bearer(Pick(["", " ", "eyJ.eyJ.x", "a.b.c", AsciiToken(40), new string('A', 5000), "null"]))),
            17 => ("basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + targets.Secret))),
            18 => ("lowercase-bearer", "bearer " + token),
            _ => ("two-tokens", Bearer(token + " " + token)),
        };
    }

    private string Tamper(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return token;
        }

        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/')))))!.AsObject();
        payload[Pick(["conv", "user", "exp"])] = _random.Next(2) == 0 ? Pick(targets.DirectLine).ConversationId : 99999999999;
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return parts[0] + "." + encoded + "." + parts[2];
    }

    /// <summary>Printable ASCII without spaces (what a header can carry), random.</summary>
    private string AsciiToken(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)_random.Next('!', '~' + 1);
        }

        return new string(chars);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    /// <summary>The conversation id to put in the path: the seat's own mostly, else another's or garbage (escaped as a client would).</summary>
    private (string Category, string Id) ConversationInPath(DirectLineSeat seat) => _random.Next(10) switch
    {
        < 7 => ("own", Uri.EscapeDataString(seat.ConversationId)),
        7 => ("other-conversation", Uri.EscapeDataString(Pick(targets.DirectLine).ConversationId)),
        8 => ("long-id", Uri.EscapeDataString(RandomString(2_000))),
        _ => ("odd-id", Pick(["x", "..", "%2e%2e", "%00", "%20", Uri.EscapeDataString("中文🙂"), Uri.EscapeDataString(seat.ConversationId.ToUpperInvariant()), "a%2Fb"]).ToString(CultureInfo.InvariantCulture)),
    };
}
