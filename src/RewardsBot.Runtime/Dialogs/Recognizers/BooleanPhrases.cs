namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Recognition data for yes/no answers, per language, written as people type them (the matcher normalizes them).
/// "cancel", "annuler" and "取消" are deliberately absent: they are commands, handled before any prompt.
/// </summary>
internal static class BooleanPhrases
{
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Text, BooleanPhraseKind Kind)>> Tables { get; } =
        new Dictionary<string, IReadOnlyList<(string Text, BooleanPhraseKind Kind)>>(StringComparer.Ordinal)
        {
            [BotLanguage.English] = Build(
                yes:
                [
                    "yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "sure", "sure thing", "for sure", "ok", "okay",
                    "okey", "alright", "all right", "of course", "correct", "that's correct", "right", "that's right",
                    "true", "absolutely", "definitely", "certainly", "indeed", "affirmative", "fine", "sounds good",
                    "go ahead", "go for it", "i do", "i am", "it is", "i think so", "please do", "do it", "why not",
                    "no problem", "no worries", "no doubt", "agreed", "i agree", "exactly", "perfect", "great",
                ],
                no:
                [
                    "no", "n", "nope", "nah", "no way", "not now", "not right now", "not for now", "not yet",
                    "not today", "not really", "not at all", "never", "false", "negative", "of course not",
                    "absolutely not", "definitely not", "certainly not", "incorrect", "wrong", "that's wrong",
                    "that's not right", "i don't", "i do not", "don't", "do not", "i don't think so", "no need",
                ],
                fillers: ["please", "pls", "plz", "thanks", "thank you", "thanks a lot", "thx", "ty", "oh", "ah", "well", "um", "uh"]),

            [BotLanguage.French] = Build(
                yes:
                [
                    "oui", "ouais", "ouaip", "ouep", "ouin", "wi", "ui", "si", "bien sûr", "bien sûr que oui", "d'accord",
                    "d'acc", "dac", "ok", "okay", "exact", "exactement", "absolument", "tout à fait", "parfait",
                    "volontiers", "évidemment", "certainement", "carrément", "c'est ça", "c'est bon", "c'est correct",
                    "correct", "vas-y", "allez-y", "pourquoi pas", "avec plaisir", "en effet", "effectivement", "vrai",
                    "c'est vrai", "bien entendu", "entendu", "ça marche", "ça me va", "certain", "sans problème",
                    "pas de problème", "pas de souci", "pas de soucis", "je veux bien", "affirmatif",
                ],
                no:
                [
                    "non", "nan", "pas maintenant", "pas pour l'instant", "pas pour le moment", "pas tout de suite",
                    "pas encore", "pas aujourd'hui", "jamais", "pas du tout", "bien sûr que non", "absolument pas",
                    "pas vraiment", "surtout pas", "certainement pas", "faux", "c'est faux", "pas question",
                    "hors de question", "négatif", "inexact", "incorrect", "je ne veux pas", "pas besoin",
                ],
                fillers:
                [
                    "merci", "merci beaucoup", "merci bien", "s'il vous plaît", "s'il te plaît", "svp", "stp", "alors",
                    "ben", "bah", "bon", "euh", "eh", "oh", "ah", "mais",
                ]),

            [BotLanguage.TraditionalChinese] = Build(
                yes:
                [
                    "是", "是的", "對", "對的", "对", "对的", "好", "好的", "可以", "沒問題", "没问题", "確定", "确定", "要", "需要",
                    "有", "當然", "当然", "沒錯", "没错", "行", "嗯", "恩", "正確", "正确", "同意",
                ],
                no:
                [
                    "否", "不", "不是", "不要", "不用", "不對", "不对", "不可以", "不行", "不好", "沒有", "没有", "沒", "没",
                    "不需要", "不必", "不了", "錯", "错", "不正確", "不正确", "不同意",
                ],
                fillers: ["啊", "阿", "呀", "喔", "哦", "噢", "吧", "啦", "了", "嘛", "耶", "唷", "謝謝", "谢谢", "謝啦", "感謝", "請", "麻煩你"]),
        };

    private static IReadOnlyList<(string Text, BooleanPhraseKind Kind)> Build(string[] yes, string[] no, string[] fillers) =>
    [
        .. yes.Select(text => (text, BooleanPhraseKind.Yes)),
        .. no.Select(text => (text, BooleanPhraseKind.No)),
        .. fillers.Select(text => (text, BooleanPhraseKind.Filler)),
    ];
}
