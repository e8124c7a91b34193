using RewardsBot.Runtime.Builder;

namespace RewardsBot.Dialogs.Content;

/// <summary>The adapter's apologies, from the dialogs/ texts.</summary>
public sealed class TurnErrorText(BotTexts texts) : ITurnErrorText
{
    public string TurnFailed(string? locale) => texts.Get("host.turnFailed", locale);

    public string ConcurrentChange(string? locale) => texts.Get("host.concurrentChange", locale);
}
