using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Tests.Records;

public class ContactIdentityTests
{
    private static readonly Tin Company = Tin.Parse("7707083893").Value;
    private static readonly PersonName Name = PersonName.Parse("Иванов Иван Иванович").Value;
    private static readonly EmailAddress Email = EmailNormalizer.ParseOne("Ivanov@Example.ru").Value;
    private static readonly PhoneNumber Mobile = PhoneNormalizer.Parse("8 916 123 45 67").Values[0];
    private static readonly PhoneNumber Fixed = PhoneNormalizer.Parse("8 495 500 55 50").Values[0];

    [Fact]
    public void KeyOf_EmailFirst() =>
        Assert.Equal(new ContactKey("email:ivanov@example.ru"), ContactIdentity.KeyOf(Company, Name, [Email], [Fixed, Mobile]).Value);

    [Fact]
    public void KeyOf_NoEmail_MobilePhone()
    {
        var key = ContactIdentity.KeyOf(Company, Name, [], [Fixed, Mobile]).Value;

        Assert.Equal("mobile:+79161234567", key.Value);
        Assert.Equal(ContactKeyKind.Mobile, key.Kind);
    }

    [Fact]
    public void KeyOf_OnlyFixedPhone_NameWithinCompany()
    {
        var key = ContactIdentity.KeyOf(Company, Name, [], [Fixed]).Value;

        Assert.Equal("name:7707083893:иванов иван иванович", key.Value);
        Assert.Equal(ContactKeyKind.Name, key.Kind);
    }

    [Fact]
    public void KeyOf_SameNameInTwoCompanies_TwoPeople() =>
        Assert.NotEqual(
            ContactIdentity.KeyOf(Company, Name, [], []).Value,
            ContactIdentity.KeyOf(Tin.Parse("7736050003").Value, Name, [], []).Value);

    [Fact]
    public void KeyOf_Nothing_IsAProblem() =>
        Assert.Equal("contact.identity", ContactIdentity.KeyOf(Company, null, [], [Fixed]).Problem!.Code);
}
