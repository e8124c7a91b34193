using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Tests.Hostile;

/// <summary>A conversation over /api/messages left at a real prompt, with every card it received (oldest first).</summary>
public sealed record CardFixture(string ConversationId, string UserId, IReadOnlyList<Activity> Cards);

/// <summary>A started Direct Line conversation and a valid token for it.</summary>
public sealed record DirectLineSeat(string ConversationId, string Token);

/// <summary>What the generator aims at: real prompts, Direct Line conversations and credentials of every kind.</summary>
public sealed record FuzzTargets(
    string ConnectorServiceUrl,
    string DeadServiceUrl,
    IReadOnlyList<CardFixture> Fixtures,
    IReadOnlyList<DirectLineSeat> DirectLine,
    IReadOnlyList<string> ExpiredTokens,
    IReadOnlyList<DirectLineSeat> FloodSeats,
    string Secret);

/// <summary>
/// Generates hostile calls from a seed: malformed and hostile activities for /api/messages and Direct Line calls
/// (wrong types, missing and extra fields, nulls, huge strings, deep nesting, invalid UTF-8, wrong content types,
/// wrong card values for real prompts, stale cards, bad, expired and other conversations' tokens, another
/// conversation's id, duplicate ids, odd watermarks, floods). The same seed gives the same sequence of categories.
/// </summary>
public sealed partial class HostileRequests(int seed, FuzzTargets targets)
{
    /// <summary>Requests of one flood (more than the burst of 60 of a conversation or a token).</summary>
    public const int FloodSize = 100;

    /// <summary>Most generated calls aimed at one fixture conversation, so its own rate limit rarely hides a prompt.</summary>
    private const int CallsPerFixture = 45;

    private static readonly string[] ActivityFields =
    [
        "type", "id", "timestamp", "localTimestamp", "localTimezone", "channelId", "serviceUrl", "deliveryMode", "conversation",
        "conversation.id", "conversation.isGroup", "conversation.tenantId", "conversation.conversationType", "from", "from.id",
        "from.name", "from.role", "from.aadObjectId", "recipient", "recipient.id", "locale", "text", "textFormat", "value",
        "channelData", "attachments", "entities", "membersAdded", "membersRemoved", "replyToId", "suggestedActions", "name",
        "code", "relatesTo", "expiration", "importance", "label", "valueType", "reactionsAdded", "action", "callerId", "speak",
        "inputHint", "summary", "attachmentLayout", "topicName",
    ];

    private static readonly string[] ActivityTypeNames =
    [
        "message", "conversationUpdate", "invoke", "event", "typing", "endOfConversation", "messageReaction", "installationUpdate",
        "messageUpdate", "messageDelete", "contactRelationUpdate", "deleteUserData", "handoff", "trace", "command", "suggestion",
        "invokeResponse", "Message", "MESSAGE", "", " ", "message\u0000", "nonsense",
    ];

    private static readonly string[] Locales =
    [
        "", " ", "zz-ZZ", "x", "en_US", "fr-FR", "zh-TW", "zh-Hant", "zh-Hant-HK", "zh-CN", "ar-SA", "tr-TR", "../../etc/passwd",
        "en-US-u-ca-buddhist", "i-klingon", "qps-ploc", "en-US\u0000", "${t.title}", "\u202Een-US", new string('e', 300), "123", "-",
    ];

    private readonly Random _random = new(seed);
    private readonly Dictionary<CardFixture, int> _fixtureCalls = [];
    private int _sequence;

    /// <summary>Calls adding up to <paramref name="requests"/> requests, in a seed-determined order of categories.</summary>
    public List<FuzzCase> Generate(int requests)
    {
        var cases = new List<FuzzCase>();
        var total = 0;
        while (total < requests)
        {
            var next = Next(requests - total);
            cases.Add(next);
            total += next.Requests;
        }

        return cases;
    }

    private FuzzCase Next(int left)
    {
        var roll = _random.Next(100);
        if (roll == 0 && left >= FloodSize)
        {
            return _random.Next(2) == 0 ? MessagesFlood() : DirectLineFlood();
        }

        return roll < 58 ? MessagesCase() : DirectLineCase();
    }

    // ---- /api/messages ----

    private HttpCase MessagesCase() => _random.Next(24) switch
    {
        0 => Messages("messages/valid-text", Activity(FreshConversation(), Text()), mustSucceed: true),
        1 => WrongType(),
        2 => MissingField(),
        3 => ExtraFields(),
        4 => Nulls(),
        5 => HugeString(),
        6 => Messages("messages/over-size-limit", Activity(FreshConversation(), new string('x', 300 * 1024))),
        7 => DeepNesting(),
        8 => InvalidUtf8("messages/invalid-utf8", "/api/messages", null, Json(Activity(FreshConversation(), Text()))),
        9 => WrongContentType("messages/content-type", "/api/messages", null, Json(Activity(FreshConversation(), Text()))),
        10 => NotJson("messages/not-json", "/api/messages", null),
        11 => ActivityTypes(),
        12 => InvokeCardAction(),
        13 => Locale(),
        14 => TeamsShaped(),
        15 or 16 or 17 => CardValues(),
        18 => StaleCard(),
        19 => DuplicateId(),
        20 => OtherUser(),
        21 => Delivery(),
        22 => Timestamps(),
        _ => Messages("messages/template-and-markup-text", Activity(FreshConversation(), Pick(TemplateAndMarkup)), mustSucceed: true),
    };

    /// <summary>Property names no activity, account or conversation has (in any letter case), some odd on purpose.</summary>
    private static readonly string[] ExtraKeys = ["x-extra", "$type", "__proto__", "constructor", "", " ", "\u0000", "a.b", "$ref", "extra"];

    private static readonly string[] TemplateAndMarkup =
    [
        "${t.title}", "${$root}", "${if(true, 'a', 'b')}", "$data", "{0} {1} %s %n", "<script>alert(1)</script>", "<at>RewardsBot</at>",
        "<at>" + new string('a', 500), "'; DROP TABLE bot_state; --", "\"}]}", "\\u0000", "eligibility ${", "activate {{benefit}}",
        "**bold** [link](javascript:alert(1))", "help\u0000", "\u200B\u200B", "cancel cancel cancel", "français", "中文", "English",
    ];

    private static HttpCase Messages(string category, JsonObject activity, bool mustSucceed = false, string contentType = "application/json")
        => new(category, HttpMethod.Post, "/api/messages", Body: Json(activity), ContentType: contentType,
            ExpectReplies: activity["deliveryMode"] is JsonValue mode && mode.TryGetValue<string>(out var text) && text == DeliveryModes.ExpectReplies,
            ConversationId: (activity["conversation"] as JsonObject)?["id"] is JsonValue id && id.TryGetValue<string>(out var conversation) ? conversation : null,
            MustSucceed: mustSucceed);

    private JsonObject Activity(string conversationId, string? text, string userId = "demo-ana", string channelId = Channels.Emulator) => new()
    {
        ["type"] = "message",
        ["id"] = "fuzz-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
        ["timestamp"] = "2026-11-21T10:00:00.000Z",
        ["channelId"] = channelId,
        ["serviceUrl"] = targets.ConnectorServiceUrl,
        ["deliveryMode"] = DeliveryModes.ExpectReplies,
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Fuzz", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot", ["role"] = "bot" },
        ["locale"] = "en-US",
        ["text"] = text,
    };

    private string FreshConversation() => "fuzz-" + _random.Next().ToString("x8", CultureInfo.InvariantCulture) + "|livechat";

    private HttpCase WrongType()
    {
        var activity = Activity(FreshConversation(), Text());
        var field = Pick(ActivityFields);
        Set(activity, field, WrongTypeFor(field));
        return Messages("messages/wrong-type:" + field, activity);
    }

    private HttpCase MissingField()
    {
        var activity = Activity(FreshConversation(), Text());
        var removed = new List<string>();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var field = Pick(ActivityFields);
            Remove(activity, field);
            removed.Add(field);
        }

        if (_random.Next(3) == 0)
        {
            activity.Remove("deliveryMode"); // normal delivery: replies go to the loopback Connector
        }

        return Messages("messages/missing-field:" + string.Join('+', removed), activity);
    }

    private HttpCase ExtraFields()
    {
        var activity = Activity(FreshConversation(), Text());
        for (var i = _random.Next(1, 20); i > 0; i--)
        {
            var target = _random.Next(4) switch
            {
                0 => (JsonObject)activity["from"]!,
                1 => (JsonObject)activity["conversation"]!,
                _ => activity,
            };
            target[Pick(ExtraKeys)] = Junk(3);
        }

        return Messages("messages/extra-fields", activity, mustSucceed: true);
    }

    private HttpCase Nulls()
    {
        var activity = Activity(FreshConversation(), Text());
        (string field, JsonNode? value) = _random.Next(6) switch
        {
            0 => ("membersAdded", (JsonNode?)new JsonArray((JsonNode?)null, new JsonObject { ["id"] = null })),
            1 => ("attachments", new JsonArray((JsonNode?)null, new JsonObject { ["contentType"] = null, ["content"] = null })),
            2 => ("entities", new JsonArray((JsonNode?)null, new JsonObject())),
            3 => ("reactionsAdded", new JsonArray((JsonNode?)null)),
            4 => ("suggestedActions", new JsonObject { ["actions"] = new JsonArray((JsonNode?)null), ["to"] = new JsonArray((JsonNode?)null) }),
            _ => (Pick(ActivityFields), null),
        };
        if (_random.Next(2) == 0 && field is "membersAdded" or "reactionsAdded")
        {
            activity["type"] = field == "membersAdded" ? "conversationUpdate" : "messageReaction";
        }

        Set(activity, field, value);
        return Messages("messages/nulls:" + field, activity);
    }

    private HttpCase HugeString()
    {
        var activity = Activity(FreshConversation(), Text());
        var field = Pick(["text", "id", "conversation.id", "from.id", "from.name", "locale", "replyToId", "channelId", "value", "name", "serviceUrl", "recipient.id"]);
        var length = Pick([1025, 4096, 60_000, 200_000]);
        Set(activity, field, RandomString(length));
        return Messages($"messages/huge-string:{field}:{length}", activity);
    }

    private HttpCase DeepNesting()
    {
        var depth = Pick([10, 60, 62, 63, 64, 65, 66, 200, 5_000]);
        var field = Pick(["value", "channelData", "entities", "attachments", "from"]);
        var inner = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            inner.Append(i % 2 == 0 ? "{\"a\":" : "[");
        }

        inner.Append('1');
        for (var i = depth - 1; i >= 0; i--)
        {
            inner.Append(i % 2 == 0 ? "}" : "]");
        }

        var activity = Activity(FreshConversation(), Text());
        activity.Remove(field);
        var json = Encoding.UTF8.GetString(Json(activity));
        var body = Encoding.UTF8.GetBytes(json[..^1] + ",\"" + field + "\":" + inner + "}");
        return new HttpCase($"messages/deep-nesting:{field}:{depth}", HttpMethod.Post, "/api/messages", Body: body, ExpectReplies: true);
    }

    private HttpCase ActivityTypes()
    {
        var type = Pick(ActivityTypeNames);
        var activity = Activity(FreshConversation(), _random.Next(2) == 0 ? Text() : null);
        activity["type"] = type;
        switch (_random.Next(4))
        {
            case 0:
                activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = Pick(["demo-ana", "", "x", RandomString(40)]) });
                break;
            case 1:
                activity["name"] = Pick(["adaptiveCard/action", "task/fetch", "signin/verifyState", "application/search", "", "x"]);
                activity["value"] = Junk(3);
                break;
            case 2:
                activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = Junk(1) });
                activity["action"] = Pick(["add", "remove", "", "upgrade"]);
                break;
            default:
                activity["value"] = Junk(4);
                break;
        }

        return Messages("messages/activity-type:" + type, activity);
    }

    private HttpCase InvokeCardAction()
    {
        var activity = Activity(FreshConversation(), null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = _random.Next(5) switch
        {
            0 => new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = Junk(1), ["data"] = Junk(3) } },
            1 => new JsonObject { ["action"] = Junk(2), ["trigger"] = "manual" },
            2 => new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "activate", ["data"] = new JsonObject { ["_dialog"] = RandomString(12) } } },
            3 => new JsonArray(Junk(2)),
            _ => Junk(3),
        };
        return Messages("messages/invoke-card-action", activity);
    }

    private HttpCase Locale()
    {
        var activity = Activity(FreshConversation(), Text(), Pick(["demo-ana", "demo-sara", "demo-claire", "someone"]));
        activity["locale"] = Pick(Locales);
        return Messages("messages/locale", activity, mustSucceed: true);
    }

    private HttpCase TeamsShaped()
    {
        var activity = Activity("a:" + RandomString(30), "<at>RewardsBot</at> " + Text(), "29:" + RandomString(20), Channels.Msteams);
        ((JsonObject)activity["from"]!)["aadObjectId"] = _random.Next(2) == 0 ? Guid.NewGuid().ToString() : Junk(1);
        activity["channelData"] = _random.Next(4) switch
        {
            0 => new JsonObject { ["tenant"] = new JsonObject { ["id"] = Junk(1) } },
            1 => new JsonObject { ["tenant"] = Junk(2) },
            2 => new JsonObject { ["tenant"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() }, ["postBack"] = Junk(1) },
            _ => Junk(3),
        };
        if (_random.Next(3) == 0)
        {
            activity["type"] = Pick(["installationUpdate", "conversationUpdate"]);
            activity["action"] = Junk(1);
        }

        return Messages("messages/teams-shaped", activity);
    }

    private HttpCase CardValues()
    {
        var fixture = NextFixture();
        if (fixture is null)
        {
            return Messages("messages/card-values-fresh", WithValue(Activity(FreshConversation(), null), new JsonObject { ["_dialog"] = RandomString(10), ["answer"] = Junk(2) }));
        }

        var card = fixture.Cards[^1];
        var data = WireChat.SubmitData(card) is { Count: > 0 } all ? (JsonObject)Pick(all).DeepClone() : [];
        var inputs = WireChat.Inputs(card);
        var mutation = _random.Next(10);
        JsonNode? value = data;
        switch (mutation)
        {
            case 0 when data.Count > 0:
                data[Pick([.. data.Select(p => p.Key)])] = Junk(2);
                break;
            case 1:
                data.Remove("_dialog");
                break;
            case 2:
                data["_dialog"] = _random.Next(2) == 0 ? Junk(1) : RandomString(_random.Next(1, 40));
                break;
            case 3:
                value = Junk(3);
                break;
            case 4:
                foreach (var (id, _) in inputs)
                {
                    data[id] = Junk(2);
                }

                data["answer"] = Junk(1);
                break;
            case 5:
                foreach (var (id, choices) in inputs)
                {
                    data[id] = Pick([RandomString(70_000), Pick(TemplateAndMarkup), "", " ", choices.Count > 0 ? choices[0] + "," + choices[^1] : "x", "\u0000"]);
                }

                break;
            case 6 when targets.Fixtures.Count > 1:
                var other = Pick(targets.Fixtures);
                value = WireChat.SubmitData(other.Cards[^1]) is { Count: > 0 } foreign ? Pick(foreign).DeepClone() : Junk(2);
                break;
            case 7:
                value = new JsonObject { ["msteams"] = new JsonObject { ["type"] = Pick(["messageBack", "imBack", "invoke", "signin"]), ["value"] = data.DeepClone(), ["text"] = Junk(1) } };
                break;
            case 8:
                data["_action"] = Pick(["help", "cancel", "startOver", "", "x", RandomString(20)]);
                break;
            default:
                foreach (var (id, choices) in inputs)
                {
                    data[id] = choices.Count > 0 ? Pick([.. choices]) : Text();
                }

                break;
        }

        var activity = WithValue(Activity(fixture.ConversationId, _random.Next(4) == 0 ? Text() : null, fixture.UserId), value);
        activity["replyToId"] = card.Id;
        return Messages("messages/card-values:" + mutation, activity);
    }

    private HttpCase StaleCard()
    {
        var fixture = NextFixture();
        if (fixture is null || fixture.Cards.Count < 2)
        {
            return Messages("messages/stale-card-fresh", WithValue(Activity(FreshConversation(), null), new JsonObject { ["_dialog"] = "stale" }));
        }

        var card = fixture.Cards[_random.Next(fixture.Cards.Count - 1)];
        var value = WireChat.SubmitData(card) is { Count: > 0 } all ? Pick(all).DeepClone() : new JsonObject();
        var activity = WithValue(Activity(fixture.ConversationId, null, fixture.UserId), value);
        activity["replyToId"] = card.Id;
        return Messages("messages/stale-card", activity);
    }

    private HttpCase DuplicateId()
    {
        // Two identical activities with one id, normal delivery: the second is a channel re-send and gets no second turn.
        var activity = Activity(FreshConversation(), Text());
        activity.Remove("deliveryMode");
        activity["id"] = "dup-" + _random.Next(50).ToString(CultureInfo.InvariantCulture);
        activity["conversation"] = new JsonObject { ["id"] = "fuzz-dup-" + _random.Next(30).ToString(CultureInfo.InvariantCulture) };
        return Messages("messages/duplicate-id", activity);
    }

    private HttpCase OtherUser()
    {
        var fixture = NextFixture();
        var conversation = fixture?.ConversationId ?? FreshConversation();
        var activity = Activity(conversation, Text(), Pick(["demo-kenji", "demo-claire", "demo-tomas", "intruder", "", RandomString(30)]));
        if (_random.Next(2) == 0)
        {
            activity["channelId"] = Pick([Channels.DirectLine, Channels.Webchat, Channels.Msteams, "slack", "x"]);
        }

        return Messages("messages/other-user-same-conversation", activity);
    }

    private HttpCase Delivery()
    {
        var activity = Activity(FreshConversation(), Text());
        activity.Remove("deliveryMode");
        var (category, serviceUrl) = _random.Next(4) switch
        {
            0 => ("messages/delivery-remote-serviceurl", "https://attacker.example/"),
            1 => ("messages/delivery-dead-loopback", targets.DeadServiceUrl),
            2 => ("messages/delivery-odd-serviceurl", Pick(["file:///etc/passwd", "ftp://localhost/", "http://", "javascript:alert(1)", "http://[::1", RandomString(50)])),
            _ => ("messages/delivery-loopback-connector", targets.ConnectorServiceUrl),
        };
        activity["serviceUrl"] = serviceUrl;
        return Messages(category, activity);
    }

    private HttpCase Timestamps()
    {
        var activity = Activity(FreshConversation(), Text());
        var field = Pick(["timestamp", "localTimestamp", "expiration"]);
        activity[field] = Pick<JsonNode?>(["not a date", "9999-99-99T99:99:99Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00", 1e308, -1, "", "2026-11-21T10:00:00.000+25:00", null]);
        return Messages("messages/timestamps:" + field, activity);
    }

    private FloodCase MessagesFlood()
    {
        var conversation = FreshConversation();
        var burst = Enumerable.Range(0, FloodSize).Select(_ => Messages("messages/flood", Activity(conversation, Text()))).ToList();
        return new FloodCase("messages/flood-one-conversation", burst);
    }

    private CardFixture? NextFixture()
    {
        var open = targets.Fixtures.Where(f => _fixtureCalls.GetValueOrDefault(f) < CallsPerFixture).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var fixture = Pick(open);
        _fixtureCalls[fixture] = _fixtureCalls.GetValueOrDefault(fixture) + 1;
        return fixture;
    }

    private static JsonObject WithValue(JsonObject activity, JsonNode? value)
    {
        activity["value"] = value;
        activity["channelData"] = new JsonObject { ["postBack"] = true };
        return activity;
    }

    // ---- shared pieces ----

    /// <summary>
    /// The node as UTF-8 JSON, written without the shared array pool: the pool keeps large buffers per thread, which
    /// would blur the host's heap the test measures.
    /// </summary>
    private static byte[] Json(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            node.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private HttpCase InvalidUtf8(string category, string path, string? authorization, byte[] valid)
    {
        var bytes = valid.ToList();
        var invalid = Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0x80]]);
        var text = Encoding.UTF8.GetString(valid);
        var at = _random.Next(2) == 0 && text.IndexOf("\"text\":\"", StringComparison.Ordinal) is >= 0 and var found
            ? Encoding.UTF8.GetByteCount(text[..(found + 8)])
            : _random.Next(bytes.Count);
        bytes.InsertRange(at, invalid);
        return new HttpCase(category, HttpMethod.Post, path, authorization, [.. bytes]);
    }

    private HttpCase WrongContentType(string category, string path, string? authorization, byte[] body)
        => new(category, HttpMethod.Post, path, authorization, body,
            Pick<string?>(["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=utf-16", "application/jsonx", "*/*", "application/octet-stream"]));

    private HttpCase NotJson(string category, string path, string? authorization)
    {
        var body = _random.Next(8) switch
        {
            0 => [],
            1 => "null"u8.ToArray(),
            2 => "[{\"type\":\"message\"}]"u8.ToArray(),
            3 => "{\"type\":\"message\",\"text\":\"unterminated"u8.ToArray(),
            4 => Encoding.UTF8.GetBytes(new string('{', 100)),
            5 => "{\"type\":\"message\",\"type\":\"message\",\"text\":1}"u8.ToArray(),
            6 => "\uFEFF{\"type\":\"message\"}"u8.ToArray(),
            _ => RandomBytes(_random.Next(1, 2048)),
        };
        return new HttpCase(category, HttpMethod.Post, path, authorization, body);
    }

    private JsonNode? WrongTypeFor(string field) => field switch
    {
        "conversation" or "from" or "recipient" or "relatesTo" or "suggestedActions" => Pick<JsonNode?>([RandomString(10), 42, true, new JsonArray(1, 2)]),
        "attachments" or "entities" or "membersAdded" or "membersRemoved" or "reactionsAdded" => Pick<JsonNode?>([new JsonObject { ["id"] = "x" }, "a list", 7, new JsonArray("x", 1, true)]),
        "conversation.isGroup" => Pick<JsonNode?>(["yes", 1, new JsonObject()]),
        "value" or "channelData" => Junk(3),
        _ => Pick<JsonNode?>([42, -1.5, 1e308, true, false, new JsonArray("a"), new JsonObject { ["x"] = 1 }, 9_223_372_036_854_775_807]),
    };

    /// <summary>A random JSON value up to <paramref name="depth"/> levels: numbers, strings, booleans, null, arrays, objects.</summary>
    private JsonNode? Junk(int depth) => _random.Next(depth > 0 ? 9 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(Pick<double>([0, -1, int.MaxValue, long.MinValue, 1e308, -0.0, 3.14159, 1e-300])),
        3 => JsonValue.Create(Text()),
        4 => JsonValue.Create(Pick(TemplateAndMarkup)),
        5 => JsonValue.Create(RandomString(_random.Next(0, 64))),
        6 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => Junk(depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(5)).Select(i => KeyValuePair.Create(i == 0 ? Pick(["_dialog", "_action", "answer", "stage", "description", "email"]) : RandomKey() + i, Junk(depth - 1)))
            .DistinctBy(p => p.Key)),
    };

    /// <summary>Text a user might type, or not: words, other scripts, emoji, controls, right-to-left, combining marks.</summary>
    private string Text() => _random.Next(12) switch
    {
        0 => "hello",
        1 => Pick(["eligibility", "benefits", "activate", "marketing contact", "technical help", "can't see rewards", "help", "cancel", "start over"]),
        2 => "é中文🙂 مرحبا",
        3 => "\u0001\u0002\u001F\u007F",
        4 => "a\u0301\u0302\u0303\u0304\u0305\u0306",
        5 => "\u202Etxet desrever",
        6 => "\uD83D",
        7 => string.Concat(Enumerable.Repeat("🙂", 50)),
        8 => RandomString(_random.Next(1, 300)),
        9 => "   ",
        10 => "+1 425 555 0100",
        _ => "lena.marketing@contoso-analytics.example",
    };

    private string RandomString(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.~!$&'()*+,;=:@/?#[]%\"\\{}<>éü中文";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomKey() => Pick(["x", "$type", "__proto__", "constructor", "", " ", "type", "TYPE", "Text", "\u0000", "a.b", "$ref", "id"]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Sets a dotted path (creating objects on the way, replacing what is not an object).</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var at = root;
        foreach (var part in parts[..^1])
        {
            if (at[part] is not JsonObject next)
            {
                next = [];
                at[part] = next;
            }

            at = next;
        }

        at[parts[^1]] = value;
    }

    private static void Remove(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode? at = root;
        foreach (var part in parts[..^1])
        {
            at = at?[part];
        }

        (at as JsonObject)?.Remove(parts[^1]);
    }
}
