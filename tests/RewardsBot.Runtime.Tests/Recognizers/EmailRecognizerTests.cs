using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class EmailRecognizerTests
{
    [Theory]
    [InlineData("ana@contoso.com", "ana@contoso.com")]
    [InlineData(" Ana.Lopez@Contoso.COM ", "Ana.Lopez@contoso.com")]
    [InlineData("<ana@contoso.com>", "ana@contoso.com")]
    [InlineData("mailto:ana@contoso.com", "ana@contoso.com")]
    [InlineData("MAILTO:ana@contoso.com?subject=Rewards", "ana@contoso.com")]
    [InlineData("Ana Lopez <ana@contoso.com>", "ana@contoso.com")]
    [InlineData("\"Lopez, Ana\" <ana@contoso.com>", "ana@contoso.com")]
    [InlineData("my email is ana@contoso.com", "ana@contoso.com")]
    [InlineData("My email is ana@contoso.com.", "ana@contoso.com")]
    [InlineData("email: ana@contoso.com", "ana@contoso.com")]
    [InlineData("(ana@contoso.com)", "ana@contoso.com")]
    [InlineData("'ana@contoso.com'", "ana@contoso.com")]
    [InlineData("mon adresse : ana@contoso.fr !", "ana@contoso.fr")]
    [InlineData("我的電郵是ana@contoso.com。", "ana@contoso.com")]
    [InlineData("ana+rewards@contoso.com", "ana+rewards@contoso.com")]
    [InlineData("ana.maria.lopez@mail.contoso.co.uk", "ana.maria.lopez@mail.contoso.co.uk")]
    [InlineData("o'brien@contoso.ie", "o'brien@contoso.ie")]
    [InlineData("ana_lopez-2@contoso-corp.com", "ana_lopez-2@contoso-corp.com")]
    [InlineData("x@c0ntoso9.io", "x@c0ntoso9.io")]
    [InlineData("ana@bücher.de", "ana@xn--bcher-kva.de")]
    [InlineData("ana@BÜCHER.DE", "ana@xn--bcher-kva.de")]
    [InlineData("ana@xn--bcher-kva.de", "ana@xn--bcher-kva.de")]
    [InlineData("ana@пример.рф", "ana@xn--e1afmkfd.xn--p1ai")]
    [InlineData("ＡＮＡ＠ｃｏｎｔｏｓｏ．ｃｏｍ", "ANA@contoso.com")]
    [InlineData("ana@contoso.com, ana@CONTOSO.com", "ana@contoso.com")]
    public void Reads_an_address_alone_or_lightly_wrapped_with_the_domain_normalised(string text, string expected)
    {
        Assert.Equal(expected, EmailRecognizer.Recognize(text));
    }

    [Fact]
    public void Keeps_the_case_of_the_local_part_because_the_receiving_host_decides_what_it_means()
    {
        Assert.Equal("Ana.Lopez@contoso.com", EmailRecognizer.Recognize("Ana.Lopez@CONTOSO.com"));
        Assert.NotEqual(EmailRecognizer.Recognize("Ana@contoso.com"), EmailRecognizer.Recognize("ana@contoso.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Help Desk Inc")]
    [InlineData("ana")]
    [InlineData("ana at contoso dot com")]
    [InlineData("ana@")]
    [InlineData("@contoso.com")]
    [InlineData("ana@contoso")]
    [InlineData("ana@contoso.c")]
    [InlineData("ana@contoso.123")]
    [InlineData("ana@1.2.3.4")]
    [InlineData("ana@[192.168.0.1]")]
    [InlineData("ana@@contoso.com")]
    [InlineData("ana@con@toso.com")]
    [InlineData("ana@contoso.com@")]
    [InlineData(".ana@contoso.com")]
    [InlineData("ana.@contoso.com")]
    [InlineData("ana..lopez@contoso.com")]
    [InlineData("\"ana lopez\"@contoso.com")]
    [InlineData("josé@contoso.com")]
    [InlineData("ana@-contoso.com")]
    [InlineData("ana@contoso-.com")]
    [InlineData("ana@contoso..com")]
    [InlineData("ana@.contoso.com")]
    [InlineData("ana@contoso_corp.com")]
    [InlineData("ana@例子.公司")]
    public void Refuses_text_without_a_valid_address(string? text)
    {
        Assert.Null(EmailRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("ana@contoso.com or bob@contoso.com")]
    [InlineData("ana@contoso.com; ana@fabrikam.com")]
    [InlineData("Ana@contoso.com, ana@contoso.com")]
    [InlineData("ana@contoso.com and a typo ana@contoso")]
    public void Refuses_two_different_addresses_rather_than_guess(string text)
    {
        Assert.Null(EmailRecognizer.Recognize(text));
    }

    public static TheoryData<string, bool> Lengths => new()
    {
        { new string('a', 64) + "@contoso.com", true },
        { new string('a', 65) + "@contoso.com", false },
        { "ana@" + new string('b', 63) + ".com", true },
        { "ana@" + new string('b', 64) + ".com", false },
        { AddressOfLength(254), true },
        { AddressOfLength(255), false },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Applies_the_RFC_5321_limits_to_local_part_label_and_address(string address, bool accepted)
    {
        Assert.Equal(accepted ? address : null, EmailRecognizer.Recognize(address));
    }

    /// <summary>A 64-character local part and a domain of labels of at most 63 characters, totalling <paramref name="length"/>.</summary>
    private static string AddressOfLength(int length)
    {
        var local = new string('a', 64);
        var last = length - local.Length - 1 - (63 + 1 + 63 + 1) - ".com".Length;
        var address = $"{local}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', last)}.com";
        Assert.Equal(length, address.Length);
        return address;
    }
}
