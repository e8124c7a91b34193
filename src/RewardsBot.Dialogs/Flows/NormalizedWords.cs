using System.Text;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>Splitting what people type (and the names it is matched against) into comparable words.</summary>
internal static class NormalizedWords
{
    /// <summary>The words of a name or an utterance, normalized (lower case, no accents): runs of letters and digits.</summary>
    public static List<string> Of(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in TextNormalizer.Normalize(text).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words;
    }

    /// <summary>The words of <paramref name="text"/> separated by single spaces, with a space at each end (for whole-word search).</summary>
    public static string Spaced(string text) => " " + string.Join(' ', Of(text)) + " ";
}
