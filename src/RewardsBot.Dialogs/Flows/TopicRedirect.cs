namespace RewardsBot.Dialogs.Flows;

/// <summary>A flow's result asking the main dialog to go on with another topic (e.g. to the tenant diagnosis when the user is signed in from an unassociated tenant).</summary>
public sealed record TopicRedirect(string Topic);
