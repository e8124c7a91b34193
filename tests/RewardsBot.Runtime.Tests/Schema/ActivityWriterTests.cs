using System.Buffers;
using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Schema;

public class ActivityWriterTests
{
    [Fact]
    public void An_activity_with_every_property_set_is_written_as_the_serializer_writes_it()
    {
        var activity = (Activity)Filled(typeof(Activity), depth: 0);
        activity.Timestamp = new DateTimeOffset(2026, 11, 21, 8, 0, 0, 123, TimeSpan.Zero);
        activity.LocalTimestamp = new DateTimeOffset(2026, 11, 21, 9, 0, 0, 120, TimeSpan.FromHours(1));
        var replies = new ExpectedReplies { Activities = [activity, new Activity { Type = ActivityTypes.Typing }, null!] };

        Assert.Equal(JsonSerializer.Serialize(replies, BotJson.Options), Written(replies));
    }

    [Fact]
    public void Cards_user_text_and_unknown_properties_are_written_as_the_serializer_writes_them()
    {
        const string Incoming = """
            {"type":"message","text":"Éligibilité 資格 <b>&'\"","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
             "content":{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"<script>x</script> été"}]},"extra":[1]}],
             "membersAdded":[{"id":"u","unknown":{"a":null}}],"entities":[{"type":"mention","mentioned":{"id":"b"}}],"futureField":{"n":[1,2.50]}}
            """;
        var replies = new ExpectedReplies { Activities = [JsonSerializer.Deserialize<Activity>(Incoming, BotJson.Options)!] };

        Assert.Equal(JsonSerializer.Serialize(replies, BotJson.Options), Written(replies));
    }

    [Fact]
    public void Replies_already_written_as_an_array_are_copied_until_their_activities_are_replaced()
    {
        List<Activity> activities = [new Activity { Type = ActivityTypes.Message, Text = "a" }];
        var replies = ExpectedReplies.Create(activities, Encoding.UTF8.GetBytes("[{\"type\":\"as written\"}]"));

        Assert.Equal("{\"activities\":[{\"type\":\"as written\"}]}", Written(replies));

        replies.Activities = activities;

        Assert.Null(replies.WrittenActivities);
        Assert.Equal(JsonSerializer.Serialize(replies, BotJson.Options), Written(replies));
    }

    private static string Written(ExpectedReplies replies)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ActivityWriter.WriterOptions))
        {
            ActivityWriter.Write(writer, replies);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An instance whose every settable property holds a value, named after the property (lists hold one item).</summary>
    private static object Filled(Type type, int depth)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            property.SetValue(instance, Value(property, property.PropertyType, depth));
        }

        return instance;
    }

    private static object? Value(PropertyInfo property, Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return property.Name + " <é>";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        }

        if (type == typeof(JsonNode))
        {
            return new JsonObject { [property.Name] = new JsonArray(1, "x", null) };
        }

        if (type == typeof(Dictionary<string, JsonElement>))
        {
            return new Dictionary<string, JsonElement> { ["extra" + property.DeclaringType!.Name] = JsonSerializer.SerializeToElement(new { a = 1 }) };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            list.Add(Value(property, type.GetGenericArguments()[0], depth));
            return list;
        }

        return depth < 3 ? Filled(type, depth + 1) : null;
    }
}
