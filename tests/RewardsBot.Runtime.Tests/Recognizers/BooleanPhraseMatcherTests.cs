using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

/// <summary>The real tables have no word that is a yes in one language and a no in another, so the rule is shown here.</summary>
public sealed class BooleanPhraseMatcherTests
{
    private static readonly BooleanPhraseMatcher Matcher = new(
        new Dictionary<string, IReadOnlyList<(string Text, BooleanPhraseKind Kind)>>
        {
            ["en"] = [("da", BooleanPhraseKind.Yes), ("sure", BooleanPhraseKind.Yes)],
            ["fr"] = [("da", BooleanPhraseKind.No), ("da da", BooleanPhraseKind.No), ("merci", BooleanPhraseKind.Filler)],
        });

    [Theory]
    [InlineData("en", true)]
    [InlineData("fr", false)]
    public void The_locale_language_decides_when_languages_disagree(string language, bool expected) =>
        Assert.Equal(expected, Matcher.Match(["da"], language));

    [Fact]
    public void A_longer_phrase_of_another_language_beats_a_shorter_one_of_the_locale() =>
        Assert.False(Matcher.Match(["da", "da"], "en"));

    [Fact]
    public void Fillers_alone_say_nothing() => Assert.Null(Matcher.Match(["merci"], "fr"));

    [Fact]
    public void Fillers_of_another_language_go_with_an_answer() => Assert.True(Matcher.Match(["sure", "merci"], "en"));
}
