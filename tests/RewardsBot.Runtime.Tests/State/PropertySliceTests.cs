using System.Text;
using System.Text.Json;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// A state document this process serialised is taken apart on the next turn from where its serializer put each
/// property, without reading it again: the same properties, values and bytes as reading it would give.
/// </summary>
public sealed class PropertySliceTests
{
    private sealed record Sample(string Text, int Count, List<string> Items);

    [Fact]
    public void The_slices_are_where_a_reader_finds_each_property_and_taking_them_gives_the_same_state()
    {
        var state = CachedBotState.FromStorage(null);
        state.SetProperty("Zed", new Sample("quote \" backslash \\ é 資格 </script>", 3, ["a", "b"]), typeof(Sample));
        state.SetProperty("Alpha", null, typeof(Sample));
        state.SetProperty("Mid", "plain", typeof(string));
        state.SetProperty("Number", 42.5, typeof(double));

        var utf8 = state.Serialize("ConversationState", out var slices);

        Assert.Equal(ReadSlices(utf8), slices.Select(s => (s.Name, Encoding.UTF8.GetString(utf8, s.Start, s.Length))));

        var fromSlices = CachedBotState.FromStorage(StoreItem.FromUtf8(utf8, "7", "k", slices));
        var fromText = CachedBotState.FromStorage(StoreItem.FromUtf8(utf8, "7", "k"));
        foreach (var read in new[] { fromText, fromSlices })
        {
            Assert.True(read.TryGetProperty("Alpha", out var alpha), "Alpha");
            Assert.True(alpha.IsNull, $"Alpha null: {alpha.Json?.Length}");
            Assert.True(read.TryGetProperty("Zed", out var zed));
            var sample = zed.ConvertTo<Sample>("Zed", "ConversationState");
            Assert.Equal("quote \" backslash \\ é 資格 </script>", sample.Text);
            Assert.Equal(["a", "b"], sample.Items);
            Assert.True(read.TryGetProperty("Number", out var number));
            Assert.Equal(42.5, number.ConvertTo<double>("Number", "ConversationState"));
            Assert.Same(utf8, read.SavedUtf8);
            Assert.Equal(utf8, read.Serialize("ConversationState", out _));
        }
    }

    private static List<(string Name, string Value)> ReadSlices(byte[] utf8)
    {
        var found = new List<(string, string)>();
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            found.Add((name, Encoding.UTF8.GetString(utf8, start, (int)reader.BytesConsumed - start)));
        }

        return found;
    }
}
