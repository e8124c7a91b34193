using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Testing;

/// <summary>
/// Drives one dialog as the root of a test conversation: send what the user says, read what the bot answers, check
/// the last <see cref="DialogTurnResult"/>. State goes through a storage that serialises between turns (memory by
/// default, or a real SQLite file), so whatever the dialog keeps must survive the JSON round trip.
/// </summary>
public sealed class DialogTestClient
{
    private readonly Dialog _dialog;
    private readonly ITextCatalog _texts;
    private readonly object? _initialOptions;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly Action<string>? _transcript;

    /// <param name="transcript">Receives one line per activity (e.g. <c>ITestOutputHelper.WriteLine</c>).</param>
    public DialogTestClient(
        Dialog targetDialog,
        ITextCatalog texts,
        object? initialDialogOptions = null,
        string channelId = Channels.Test,
        string? locale = "en-US",
        IStorage? storage = null,
        Action<string>? transcript = null,
        IEnumerable<IMiddleware>? middlewares = null)
    {
        _dialog = targetDialog ?? throw new ArgumentNullException(nameof(targetDialog));
        _texts = texts ?? throw new ArgumentNullException(nameof(texts));
        _initialOptions = initialDialogOptions;
        _transcript = transcript;
        Adapter = new TestAdapter(channelId, locale);
        foreach (var middleware in middlewares ?? [])
        {
            Adapter.Use(middleware);
        }

        ConversationState = new ConversationState(storage ?? new MemoryStorage());
        _dialogState = ConversationState.CreateProperty<DialogState>(nameof(DialogState));
        Adapter.ActivitySent += activity => _transcript?.Invoke("Bot:  " + Describe(activity));
    }

    public TestAdapter Adapter { get; }

    public ConversationState ConversationState { get; }

    /// <summary>The result of the last turn.</summary>
    public DialogTurnResult? DialogTurnResult { get; private set; }

    /// <summary>Sends a message with <paramref name="text"/>; returns the first reply (the rest via <see cref="GetNextReply"/>).</summary>
    public Task<Activity?> SendActivityAsync(string text, CancellationToken cancellationToken = default)
        => SendActivityAsync(Adapter.MakeActivity(text), cancellationToken);

    /// <summary>Sends <paramref name="activity"/> (e.g. a card submit with a value); returns the first reply.</summary>
    public async Task<Activity?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _transcript?.Invoke("User: " + Describe(activity));
        await Adapter.ProcessActivityAsync(activity, RunTurnAsync, cancellationToken).ConfigureAwait(false);
        return GetNextReply();
    }

    /// <summary>The next reply not yet read, or null.</summary>
    public Activity? GetNextReply() => Adapter.GetNextReply();

    private async Task RunTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        turnContext.TurnState.Set(_texts);
        DialogTurnResult = await _dialog.RunAsync(turnContext, _dialogState, _initialOptions, cancellationToken).ConfigureAwait(false);
        await ConversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(Activity activity)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text);
        }

        if (activity.Value is not null)
        {
            parts.Add("value " + activity.Value.ToJsonString());
        }

        if (activity.Attachments is { Count: > 0 } attachments)
        {
            parts.Add($"[{attachments.Count} attachment(s): {string.Join(", ", attachments.Select(a => a.ContentType))}]");
        }

        if (activity.SuggestedActions?.Actions is { Count: > 0 } actions)
        {
            parts.Add("[" + string.Join(" | ", actions.Select(a => a.Title)) + "]");
        }

        return parts.Count == 0 ? $"({activity.Type})" : string.Join(" ", parts);
    }
}
