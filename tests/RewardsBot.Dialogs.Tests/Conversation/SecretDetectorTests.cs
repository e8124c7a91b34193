using RewardsBot.Dialogs.Conversation;

namespace RewardsBot.Dialogs.Tests.Conversation;

public sealed class SecretDetectorTests
{
    /// <summary>The shape of a Microsoft Entra client secret: three characters, a digit, "Q~", then 34 more.</summary>
    public const string EntraClientSecret = "abc8Q~Zq3xW.Ty7uIo_P9aSdFgHjKl~Mn2bVcXzQ";

    /// <summary>The jwt.io sample token.</summary>
    public const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    [Theory]
    [InlineData("my password is Hunter2!x")]
    [InlineData("Password: Tr0ub4dor&3")]
    [InlineData("pwd=Winter2026")]
    [InlineData("mot de passe : S3cret!!")]
    [InlineData("Mon mot de passe est azerty123")]
    [InlineData("mdp = azerty123")]
    [InlineData("密碼是 abc12345")]
    [InlineData("我的密碼：abc12345")]
    [InlineData("client secret: 7f3kQ9zXa")]
    [InlineData("here is the api key sk-proj1234567890abcdefghij")]
    [InlineData("ghp_1234567890abcdefghijABCDEFGHIJ123456")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("Xk9fQ2mLp8ZrT4vWb7Nc")] // long, random-looking: mixed case and digits
    [InlineData(EntraClientSecret)]
    [InlineData("the secret value is " + EntraClientSecret + " ok?")]
    [InlineData(Jwt)]
    [InlineData("Bearer " + Jwt)]
    public void Passwords_secrets_and_tokens_are_recognised(string text)
    {
        Assert.True(SecretDetector.LooksLikeSecret(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("how do I reset my password?")]
    [InlineData("I forgot my password")]
    [InlineData("le mot de passe ne fonctionne pas")]
    [InlineData("忘記密碼怎麼辦")]
    [InlineData("our tenant id is 2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001")]
    [InlineData("{2B7E4C10-5A3D-4E8F-9C61-0C0A7A000001}")]
    [InlineData("ana.ribeiro@contoso-analytics.example")]
    [InlineData("AnaRibeiro2024@ContosoAnalytics.example")]
    [InlineData("+1 425 555 0100")]
    [InlineData("+886 2 1234 5678")]
    [InlineData("https://partner.microsoft.com/dashboard/mpn/program/commercialmarketplace?tab=Benefits2024")]
    [InlineData("Our partner ID is 5120374 and the offer is Contoso Insights for Retail")]
    [InlineData("je voudrais activer un avantage")]
    [InlineData("我看不到 Marketplace Rewards")]
    public void Ordinary_text_is_not_a_secret(string? text)
    {
        Assert.False(SecretDetector.LooksLikeSecret(text));
    }
}
