using System.Text;
using SyncGrid.Domain;
using SyncGrid.Domain.Records;
using SyncGrid.Sources.StoreA;
using SyncGrid.Testing;

namespace SyncGrid.Sources.Tests.StoreA;

public class StoreARowMapperTests
{
    private static readonly DateTime Updated = new(2026, 10, 1, 9, 0, 0);
    private static readonly DateTimeOffset Changed = new(Updated, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToCompany_Windows1251OrUtf8BytesInTheSameColumn_DecodedPerValue(bool legacy)
    {
        var bytes = legacy ? StoreADatabase.Cp1251 : (Func<string, byte[]>)StoreADatabase.Utf8;
        var row = new StoreACompanyRow
        {
            Id = 3,
            UpdatedAt = Updated,
            Name = bytes("ПАО \"Сбербанк России\""),
            Inn = bytes("ИНН 7707083893"),
            LegalAddress = bytes("117997, г. Москва"),
            Phone = Encoding.ASCII.GetBytes("8 (495) 500-55-50"),
            Bik = "044525225",
            BankAccount = "40702810038000000001",
            BankName = bytes("ПАО Сбербанк"),
        };

        var mapped = StoreARowMapper.ToCompany(row, Changed);

        Assert.Empty(mapped.Problems);
        Assert.Equal("ПАО \"Сбербанк России\"", mapped.Raw.Name);
        Assert.Equal("ИНН 7707083893", mapped.Raw.Inn);
        Assert.Equal("117997, г. Москва", mapped.Raw.LegalAddress);
        Assert.Equal(["8 (495) 500-55-50"], mapped.Raw.Phones);
        Assert.Equal("ПАО Сбербанк", Assert.Single(mapped.Raw.BankAccounts).BankName);
        Assert.Equal(new SourceRef(SourceStore.StoreA, "companies/3", Changed), mapped.Raw.Source);
    }

    [Theory]
    [InlineData(new byte[] { 0xCE, 0xCE, 0xCE, 0x20, 0x98 })]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 })]
    public void ToCompany_BytesThatAreNoText_ValueDroppedAndReportedWithItsBytes(byte[] name)
    {
        var row = new StoreACompanyRow { Id = 4, UpdatedAt = Updated, Name = name, Inn = Encoding.ASCII.GetBytes("7707083893") };

        var mapped = StoreARowMapper.ToCompany(row, Changed);

        Assert.Null(mapped.Raw.Name);
        Assert.Equal("7707083893", mapped.Raw.Inn);
        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(StoreARejectCodes.TextEncoding, problem.Code);
        Assert.Equal("name", problem.Field);
        Assert.Equal("base64:" + Convert.ToBase64String(name), problem.RawValue);
    }

    [Fact]
    public void ToContact_LiveCompanyWithATin_RoutedWithItsCompanyAsParent()
    {
        var row = Contact(companyId: 17, new StoreAContactCompany(StoreADatabase.Cp1251("ИНН 7707083893"), false, Updated));

        var mapped = StoreARowMapper.ToContact(row, Changed);

        Assert.Null(mapped.Refusal);
        Assert.Equal("ИНН 7707083893", mapped.Raw.CompanyInn);
        Assert.Equal("Петрова Анна", mapped.Raw.FullName);
        Assert.Equal(new SourceKey(SourceStore.StoreA, "companies/17"), mapped.Raw.Parent);
        Assert.Equal("contacts/9", mapped.Raw.Source.Id);
    }

    public static TheoryData<long?, bool, bool, string, string> Orphans() => new()
    {
        { null, false, false, "7707083893", "no company_id" },
        { 17, false, false, "7707083893", "points at no company row" },
        { 17, true, true, "7707083893", "is deleted" },
        { 17, true, false, "нет", "has no valid TIN" },
    };

    [Theory]
    [MemberData(nameof(Orphans))]
    public void ToContact_NoRoutableCompany_Refused(long? companyId, bool companyExists, bool companyDeleted, string inn, string reason)
    {
        var company = companyExists ? new StoreAContactCompany(StoreADatabase.Cp1251(inn), companyDeleted, Updated) : null;

        var mapped = StoreARowMapper.ToContact(Contact(companyId, company), Changed);

        Assert.NotNull(mapped.Refusal);
        Assert.Equal(StoreARejectCodes.ContactNoCompany, mapped.Refusal.Code);
        Assert.Contains(reason, mapped.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToContact_DeletedContactOfADeletedCompany_NotRefused()
    {
        var row = Contact(17, new StoreAContactCompany(null, true, Updated)) with { IsDeleted = true };

        Assert.Null(StoreARowMapper.ToContact(row, Changed).Refusal);
    }

    [Fact]
    public void Decode_PlainAscii_KeptAsItIs()
    {
        var problems = new List<Problem>();

        Assert.Equal("info@example.ru\t1", StoreARowMapper.Decode(Encoding.ASCII.GetBytes("info@example.ru\t1"), "email", problems));
        Assert.Empty(problems);
    }

    private static StoreAContactRow Contact(long? companyId, StoreAContactCompany? company) => new()
    {
        Id = 9,
        UpdatedAt = Updated,
        CompanyId = companyId,
        FullName = StoreADatabase.Cp1251("Петрова Анна"),
        Email = "petrova@example.ru",
        Company = company,
    };
}
