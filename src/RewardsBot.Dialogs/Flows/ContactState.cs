namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// What the marketing contact flow has collected; null until known, so each question is asked only while its answer
/// is missing. Plain JSON between turns (it survives a restart).
/// </summary>
public sealed class ContactState
{
    /// <summary>Begun from an activation: no current contact shown, straight to choosing.</summary>
    public bool ForActivation { get; set; }

    /// <summary>The current contact was shown and the user chose to change it (or came from an activation).</summary>
    public bool Started { get; set; }

    /// <summary>The Partner Center user id of the person chosen.</summary>
    public string? PersonId { get; set; }

    public string? PersonName { get; set; }

    /// <summary>The person the email and phone were given for; choosing someone else asks for them again.</summary>
    public string? DetailsPersonId { get; set; }

    public string? Email { get; set; }

    /// <summary>E.164.</summary>
    public string? Phone { get; set; }

    /// <summary>The culture name of the language the Rewards team writes in (one of the catalogue's).</summary>
    public string? Language { get; set; }
}
