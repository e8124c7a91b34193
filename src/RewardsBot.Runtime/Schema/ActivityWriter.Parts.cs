using System.Text.Json;

namespace RewardsBot.Runtime.Schema;

/// <summary>The parts of an activity: accounts, conversation, reference, attachments, suggested actions, entities.</summary>
public static partial class ActivityWriter
{
    private static void Account(Utf8JsonWriter writer, JsonEncodedText name, ChannelAccount? account)
    {
        if (account is not null)
        {
            writer.WritePropertyName(name);
            AccountValue(writer, account);
        }
    }

    private static void AccountValue(Utf8JsonWriter writer, ChannelAccount? account)
    {
        if (account is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, Id, account.Id);
        String(writer, NameName, account.Name);
        String(writer, AadObjectId, account.AadObjectId);
        String(writer, Role, account.Role);
        Extensions(writer, account.Properties);
        writer.WriteEndObject();
    }

    private static void ConversationAccount(Utf8JsonWriter writer, JsonEncodedText name, ConversationAccount? conversation)
    {
        if (conversation is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        String(writer, Id, conversation.Id);
        String(writer, NameName, conversation.Name);
        if (conversation.IsGroup is { } isGroup)
        {
            writer.WriteBoolean(IsGroup, isGroup);
        }

        String(writer, ConversationType, conversation.ConversationType);
        String(writer, TenantId, conversation.TenantId);
        String(writer, AadObjectId, conversation.AadObjectId);
        String(writer, Role, conversation.Role);
        Extensions(writer, conversation.Properties);
        writer.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter writer, ConversationReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        writer.WritePropertyName(RelatesTo);
        writer.WriteStartObject();
        String(writer, ActivityId, reference.ActivityId);
        Account(writer, User, reference.User);
        Account(writer, Bot, reference.Bot);
        ConversationAccount(writer, Conversation, reference.Conversation);
        String(writer, ChannelId, reference.ChannelId);
        String(writer, ServiceUrl, reference.ServiceUrl);
        String(writer, Locale, reference.Locale);
        writer.WriteEndObject();
    }

    private static void Attachment(Utf8JsonWriter writer, Attachment? attachment)
    {
        if (attachment is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, ContentType, attachment.ContentType);
        String(writer, ContentUrl, attachment.ContentUrl);
        if (attachment.ContentJson is { } json)
        {
            // The bytes this writer would write for the tree (see Attachment.ContentJson): copied as they are.
            writer.WritePropertyName(Content);
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else
        {
            Node(writer, Content, attachment.Content);
        }

        String(writer, NameName, attachment.Name);
        String(writer, ThumbnailUrl, attachment.ThumbnailUrl);
        Extensions(writer, attachment.Properties);
        writer.WriteEndObject();
    }

    private static void SuggestedActions(Utf8JsonWriter writer, SuggestedActions? actions)
    {
        if (actions is null)
        {
            return;
        }

        writer.WritePropertyName(SuggestedActionsName);
        writer.WriteStartObject();
        List(writer, To, actions.To, static (w, to) =>
        {
            if (to is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(to);
            }
        });
        List(writer, Actions, actions.Actions, CardAction);
        writer.WriteEndObject();
    }

    private static void CardAction(Utf8JsonWriter writer, CardAction? action)
    {
        if (action is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, Type, action.Type);
        String(writer, Title, action.Title);
        String(writer, Image, action.Image);
        String(writer, ImageAltText, action.ImageAltText);
        String(writer, Text, action.Text);
        String(writer, DisplayText, action.DisplayText);
        Node(writer, Value, action.Value);
        Node(writer, ChannelData, action.ChannelData);
        writer.WriteEndObject();
    }

    private static void Entity(Utf8JsonWriter writer, Entity? entity)
    {
        if (entity is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, Type, entity.Type);
        Extensions(writer, entity.Properties);
        writer.WriteEndObject();
    }

    private static void Reaction(Utf8JsonWriter writer, MessageReaction? reaction)
    {
        if (reaction is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, Type, reaction.Type);
        writer.WriteEndObject();
    }
}
