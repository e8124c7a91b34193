namespace RewardsBot.Runtime.Schema;

/// <summary>Activity types (compared ordinally, case-sensitive).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string DeleteUserData = "deleteUserData";
    public const string Suggestion = "suggestion";
    public const string Trace = "trace";
    public const string Handoff = "handoff";
    public const string Command = "command";
    public const string CommandResult = "commandResult";

    /// <summary>Never on the wire: a bot sends one to give the adapter the result of an invoke.</summary>
    public const string InvokeResponse = "invokeResponse";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";
    public const string ExpectReplies = "expectReplies";
    public const string Ephemeral = "ephemeral";
}

public static class ActionTypes
{
    public const string OpenUrl = "openUrl";
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string Signin = "signin";
    public const string Call = "call";
    public const string DownloadFile = "downloadFile";
    public const string ShowImage = "showImage";
    public const string PlayAudio = "playAudio";
    public const string PlayVideo = "playVideo";
    public const string Invoke = "invoke";
}

public static class EndOfConversationCodes
{
    public const string Unknown = "unknown";
    public const string CompletedSuccessfully = "completedSuccessfully";
    public const string UserCancelled = "userCancelled";
    public const string BotTimedOut = "botTimedOut";
    public const string BotIssuedInvalidMessage = "botIssuedInvalidMessage";
    public const string ChannelFailed = "channelFailed";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class TextFormatTypes
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

public static class AttachmentLayoutTypes
{
    public const string List = "list";
    public const string Carousel = "carousel";
}

/// <summary>Channel ids this bot knows by name.</summary>
public static class Channels
{
    public const string Msteams = "msteams";
    public const string DirectLine = "directline";
    public const string Webchat = "webchat";
    public const string Emulator = "emulator";
    public const string Test = "test";
}

/// <summary>Content types, each spelled once.</summary>
public static class ContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string ActivityMessage = "application/vnd.microsoft.activity.message";
    public const string Error = "application/vnd.microsoft.error";
    public const string LoginRequest = "application/vnd.microsoft.activity.loginRequest";
}

/// <summary>Names of invoke activities this bot handles.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

/// <summary>Caller ids a bot sets after authenticating a request.</summary>
public static class CallerIdConstants
{
    public const string PublicAzureChannel = "urn:botframework:azure";
    public const string USGovChannel = "urn:botframework:azureusgov";
}
