namespace RewardsBot.Runtime.Dialogs;

/// <summary>
/// What the bot says, by key and language. Prompts and the dialog runtime read their words from the catalog that
/// the bot puts in <c>TurnState</c>; the words themselves live in the bot's content (dialogs/*.json).
/// </summary>
public interface ITextCatalog
{
    /// <summary>The text for <paramref name="key"/> in the language of <paramref name="locale"/>, with placeholders filled.</summary>
    string Get(string key, string? locale, params (string Name, object? Value)[] values);
}
