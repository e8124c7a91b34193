using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  Oui !  ", "oui")]
    [InlineData("OUI", "oui")]
    [InlineData("oui.", "oui")]
    [InlineData("Yes!!!", "yes")]
    [InlineData("...", "")]
    [InlineData("", "")]
    [InlineData("«oui»", "oui")]
    [InlineData("\"yes\"", "yes")]
    [InlineData("¿sí?", "si")]
    [InlineData("(maybe)", "maybe")]
    [InlineData("Hello, world!", "hello, world")]
    public void Case_and_surrounding_punctuation_go_but_inner_punctuation_stays(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("  a \t b\n\n c ", "a b c")]
    [InlineData("1\u00A0234,5", "1 234,5")]
    [InlineData("1\u202F234,5", "1 234,5")]
    [InlineData("Ｈｅｌｌｏ\u3000Ｗｏｒｌｄ", "hello world")]
    public void Every_kind_of_white_space_collapses_to_one_space(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("d\u200Baccord", "daccord")]
    [InlineData("\uFEFFoui", "oui")]
    public void Invisible_characters_are_removed(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("Crédit Azure", "credit azure")]
    [InlineData("ÉLÈVE À NOËL", "eleve a noel")]
    [InlineData("Ça marche", "ca marche")]
    [InlineData("Première", "premiere")]
    [InlineData("e\u0301te\u0301", "ete")]
    [InlineData("cœur", "coeur")]
    [InlineData("Straße", "strasse")]
    public void Latin_diacritics_and_ligatures_are_removed(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("ｙｅｓ！", "yes")]
    [InlineData("１，２３４．５", "1,234.5")]
    [InlineData("（ｏｋ）", "ok")]
    [InlineData("ｏｋ？", "ok")]
    public void Full_width_forms_become_ascii(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("好的。", "好的")]
    [InlineData("好的！", "好的")]
    [InlineData("「好」", "好")]
    [InlineData("不要，謝謝～", "不要,謝謝")]
    [InlineData("第 2 個", "第 2 個")]
    [InlineData("行銷聯絡人", "行銷聯絡人")]
    [InlineData("ガイド", "ガイド")]
    public void Chinese_and_japanese_characters_are_kept_as_they_are(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("d’accord", "d'accord")]
    [InlineData("It‘s", "it's")]
    [InlineData("vingt–deux", "vingt-deux")]
    [InlineData("−3", "-3")]
    [InlineData("-3", "-3")]
    [InlineData(".5", ".5")]
    [InlineData("C++", "c++")]
    [InlineData("#2", "#2")]
    public void Apostrophes_and_dashes_are_unified_and_signs_are_kept(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void Normalize_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));

    [Theory]
    [InlineData("non-merci", new[] { "non", "merci" })]
    [InlineData("d'accord", new[] { "d", "accord" })]
    [InlineData("yes, please", new[] { "yes", "please" })]
    [InlineData("第1個", new[] { "第", "1", "個" })]
    [InlineData("ok啦", new[] { "ok", "啦" })]
    [InlineData("1st place", new[] { "1st", "place" })]
    [InlineData("...", new string[0])]
    public void Tokenize_splits_latin_words_and_single_chinese_characters(string normalized, string[] expected) =>
        Assert.Equal(expected, TextNormalizer.Tokenize(normalized));
}
