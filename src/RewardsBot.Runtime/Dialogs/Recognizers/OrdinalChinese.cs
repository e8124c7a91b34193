namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>Chinese positions: 第一, 第十二, 第 2 個, 第三項; 最後, 最後一個, 倒數第一 for the last one.</summary>
internal static class OrdinalChinese
{
    private static readonly string[] LeadingWords = ["我要", "我選", "我选", "選", "选", "要", "就"];
    private static readonly string[] TrailingWords = ["吧", "啊", "喔", "的", "謝謝", "谢谢"];
    private static readonly string[] Classifiers = ["選項", "选项", "個", "个", "項", "项", "名", "位", "張", "张", "號", "号", "種", "种"];
    private static readonly string[] LastForms = ["最後", "最后", "最後一", "最后一", "最後那", "最后那", "倒數第一", "倒数第一"];

    public static int? Recognize(string normalized)
    {
        var text = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        text = StripOne(text, LeadingWords, atStart: true);
        text = StripOne(text, TrailingWords, atStart: false);
        text = StripOne(text, Classifiers, atStart: false);
        if (LastForms.Contains(text, StringComparer.Ordinal))
        {
            return OrdinalRecognizer.Last;
        }

        if (text.Length < 2 || text[0] != '第')
        {
            return null;
        }

        return NumberChineseNumerals.ParseInteger(text[1..]) is { } value and >= 1 and <= int.MaxValue ? (int)value : null;
    }

    private static string StripOne(string text, string[] words, bool atStart)
    {
        foreach (var word in words)
        {
            if (text.Length > word.Length
                && (atStart ? text.StartsWith(word, StringComparison.Ordinal) : text.EndsWith(word, StringComparison.Ordinal)))
            {
                return atStart ? text[word.Length..] : text[..^word.Length];
            }
        }

        return text;
    }
}
