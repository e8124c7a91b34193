using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RewardsBot.HelpPage;

/// <summary>
/// A page refresh may resume a conversation only with the ticket this server handed out with its token: it binds the
/// conversation to the identity it was started for and expires after <c>HelpPage:ResumeWindow</c>, so a page cannot
/// claim someone else's conversation by its id.
/// </summary>
public sealed class HelpPageResumeTickets(IDataProtectionProvider protection, IOptions<HelpPageOptions> options)
{
    private const char Separator = '\n';
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("RewardsBot.HelpPage.Resume.v1").ToTimeLimitedDataProtector();

    public string Issue(string identityId, string conversationId)
        => _protector.Protect(identityId + Separator + conversationId, options.Value.ResumeWindow);

    /// <summary>Whether <paramref name="ticket"/> was issued by this server for this identity and conversation and is still valid.</summary>
    public bool Allows(string? ticket, string identityId, string conversationId)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(ticket) == identityId + Separator + conversationId;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
