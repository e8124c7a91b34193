using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Schema;

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke (Universal Actions).</summary>
public sealed class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }
    public string? Trigger { get; set; }
    public JsonNode? Authentication { get; set; }
    public string? State { get; set; }
}

/// <summary>The <c>Action.Execute</c> a user clicked, with the card's inputs merged into <see cref="Data"/>.</summary>
public sealed class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }
    public JsonNode? Data { get; set; }
}
