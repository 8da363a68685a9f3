using System.Text;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Sources.Tests;

public class SapEventParserTests
{
    internal const string SpecExample = """
        {
          "eventId": "5f0c2a9e-8d1b-4a57-9a3e-2b7c1d9e0f11",
          "eventType": "PartnerChanged",
          "occurredAt": "2026-10-01T09:15:27.120Z",
          "partner": {
            "partnerId": "0010004567",
            "category": "ORGANIZATION",
            "name": "ПАО  \"Сбербанк России\"",
            "taxNumbers": { "inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195" },
            "legalAddress": "117997, г. Москва, ул. Вавилова, д. 19",
            "phones": [ { "number": "8 (495) 500-55-50", "type": "WORK" } ],
            "emails": [ "info@example.ru" ],
            "bankAccounts": [ { "bik": "044525225", "account": "40702810038000000001", "bankName": "ПАО Сбербанк" } ],
            "contacts": [
              { "contactId": "C-77120", "lastName": "Иванов", "firstName": "Иван", "middleName": "Иванович",
                "position": "бухгалтер", "phones": [ "+7 916 123-45-67 доб. 12" ], "emails": [ "IVANOV@Example.ru " ] }
            ]
          }
        }
        """;

    private static SapEventResult Parse(string json) => SapEventParser.Parse(Encoding.UTF8.GetBytes(json), "sapcrm.partners/0@42");

    [Fact]
    public void Parse_SpecExample_MapsEveryField()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse(SpecExample));
        var at = new DateTimeOffset(2026, 10, 1, 9, 15, 27, 120, TimeSpan.Zero);
        var company = changed.Company;
        Assert.Equal(new SourceRef(SourceStore.StoreB, "0010004567", at), company.Source);
        Assert.Equal("ORGANIZATION", company.Category);
        Assert.Equal("ПАО  \"Сбербанк России\"", company.Name);
        Assert.Equal("7707083893", company.Inn);
        Assert.Equal("773601001", company.Kpp);
        Assert.Equal("1027700132195", company.Ogrn);
        Assert.Equal("117997, г. Москва, ул. Вавилова, д. 19", company.LegalAddress);
        Assert.Equal(["8 (495) 500-55-50"], company.Phones);
        Assert.Equal(["info@example.ru"], company.Emails);
        Assert.Equal([new RawBankAccount("044525225", "40702810038000000001", "ПАО Сбербанк")], company.BankAccounts);
        Assert.False(company.IsDeleted);
        Assert.Equal("sapcrm.partners/0@42", changed.Position);

        var contact = Assert.Single(changed.Contacts);
        Assert.Equal(new SourceRef(SourceStore.StoreB, "0010004567/C-77120", at), contact.Source);
        Assert.Equal("7707083893", contact.CompanyInn);
        Assert.Equal("Иванов", contact.LastName);
        Assert.Equal("Иван", contact.FirstName);
        Assert.Equal("Иванович", contact.MiddleName);
        Assert.Null(contact.FullName);
        Assert.Equal("бухгалтер", contact.Position);
        Assert.Equal(["+7 916 123-45-67 доб. 12"], contact.Phones);
        Assert.Equal(["IVANOV@Example.ru "], contact.Emails);
        Assert.Equal(new SourceKey(SourceStore.StoreB, "0010004567"), contact.Parent);
    }

    [Fact]
    public void Parse_SpecExample_NormalizesToAValidCompany()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse(SpecExample));
        var normalized = RecordNormalizer.Normalize(changed.Company);
        Assert.NotNull(normalized.Record);
        Assert.Equal("7707083893", normalized.Record.Tin.Value);
    }

    [Fact]
    public void Parse_PartnerDeleted_ReturnsIdAndTime()
    {
        var result = Parse("""{"eventType":"PartnerDeleted","occurredAt":"2026-10-02T10:00:00+03:00","partner":{"partnerId":" 0010004567 "}}""");
        var deleted = Assert.IsType<PartnerDeleted>(result);
        Assert.Equal("0010004567", deleted.PartnerId);
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 7, 0, 0, TimeSpan.Zero), deleted.OccurredAt);
    }

    [Fact]
    public void Parse_PartnerDeletedWithTopLevelId_ReturnsId()
    {
        var deleted = Assert.IsType<PartnerDeleted>(Parse("""{"eventType":"PartnerDeleted","occurredAt":"2026-10-02T10:00:00Z","partnerId":"17"}"""));
        Assert.Equal("17", deleted.PartnerId);
    }

    [Theory]
    [InlineData("", SapRejectCodes.JsonMalformed)]
    [InlineData("not json", SapRejectCodes.JsonMalformed)]
    [InlineData("{\"eventType\":\"PartnerChanged\"", SapRejectCodes.JsonMalformed)]
    [InlineData("{} {}", SapRejectCodes.JsonMalformed)]
    [InlineData("[1,2]", SapRejectCodes.JsonShape)]
    [InlineData("null", SapRejectCodes.JsonShape)]
    [InlineData("\"PartnerChanged\"", SapRejectCodes.JsonShape)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":[{"partnerId":"1"}]}""", SapRejectCodes.JsonShape)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z"}""", SapRejectCodes.JsonShape)]
    [InlineData("""{"occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"1"}}""", SapRejectCodes.EventType)]
    [InlineData("""{"eventType":"PartnerCreated","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"1"}}""", SapRejectCodes.EventType)]
    [InlineData("""{"eventType":42,"occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"1"}}""", SapRejectCodes.EventType)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"name":"x"}}""", SapRejectCodes.PartnerIdMissing)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"  "}}""", SapRejectCodes.PartnerIdMissing)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":{"id":1}}}""", SapRejectCodes.PartnerIdMissing)]
    [InlineData("""{"eventType":"PartnerDeleted","occurredAt":"2026-10-01T09:15:27Z","partner":null}""", SapRejectCodes.PartnerIdMissing)]
    [InlineData("""{"eventType":"PartnerChanged","partner":{"partnerId":"1"}}""", SapRejectCodes.EventTime)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":null,"partner":{"partnerId":"1"}}""", SapRejectCodes.EventTime)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"yesterday","partner":{"partnerId":"1"}}""", SapRejectCodes.EventTime)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27","partner":{"partnerId":"1"}}""", SapRejectCodes.EventTime)]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":1759310127,"partner":{"partnerId":"1"}}""", SapRejectCodes.EventTime)]
    public void Parse_BadInput_RejectsWithReasonAndPosition(string json, string code)
    {
        var rejected = Assert.IsType<Rejected>(Parse(json));
        Assert.Equal(code, rejected.Code);
        Assert.Equal("sapcrm.partners/0@42", rejected.Position);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
    }

    [Fact]
    public void Parse_InvalidUtf8_RejectsAsMalformed()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"eventType\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];
        var rejected = Assert.IsType<Rejected>(SapEventParser.Parse(bytes, "p"));
        Assert.Equal(SapRejectCodes.JsonMalformed, rejected.Code);
    }

    [Fact]
    public void Parse_TooDeep_RejectsAsMalformed()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(SapRejectCodes.JsonMalformed, Assert.IsType<Rejected>(Parse(json)).Code);
    }

    [Fact]
    public void Parse_FieldsOfWrongType_BecomeNull()
    {
        var result = Parse("""
            {"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{
              "partnerId":1234,"category":["ORGANIZATION"],"name":{"ru":"x"},"taxNumbers":"7707083893",
              "legalAddress":false,"phones":[{"number":7},null,{"type":"WORK"},["x"],"8 495 500-55-50"],
              "emails":[null,1,"a@b.ru"],"bankAccounts":[{"bik":null,"account":[],"bankName":5},"x",null],
              "contacts":[null,"x",{"contactId":null,"lastName":1,"phones":{"number":"1"},"emails":"c@d.ru"}]}}
            """);
        var changed = Assert.IsType<PartnerChanged>(result);
        var company = changed.Company;
        Assert.Equal("1234", company.Source.Id);
        Assert.Null(company.Category);
        Assert.Null(company.Name);
        Assert.Null(company.Inn);
        Assert.Null(company.Kpp);
        Assert.Null(company.Ogrn);
        Assert.Null(company.LegalAddress);
        Assert.Equal(["8 495 500-55-50"], company.Phones);
        Assert.Equal(["a@b.ru"], company.Emails);
        Assert.Equal([new RawBankAccount(null, null, null)], company.BankAccounts);
        var contact = Assert.Single(changed.Contacts);
        Assert.Equal("1234/#2", contact.Source.Id);
        Assert.Null(contact.LastName);
        Assert.Null(contact.CompanyInn);
        Assert.Empty(contact.Phones);
        Assert.Equal(["c@d.ru"], contact.Emails);

        var normalized = RecordNormalizer.Normalize(company);
        Assert.Null(normalized.Record);
        Assert.NotEmpty(normalized.Problems);
    }

    [Fact]
    public void Parse_NumericTaxNumbers_KeepTheirDigits()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse("""
            {"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"1","taxNumbers":{"inn":7707083893,"kpp":773601001}}}
            """));
        Assert.Equal("7707083893", changed.Company.Inn);
        Assert.Equal("773601001", changed.Company.Kpp);
    }

    [Fact]
    public void Parse_MinimalPartner_HasEmptyListsAndNulls()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"1","emails":[],"name":""}}"""));
        Assert.Empty(changed.Company.Phones);
        Assert.Empty(changed.Company.Emails);
        Assert.Empty(changed.Company.BankAccounts);
        Assert.Empty(changed.Contacts);
        Assert.Equal("", changed.Company.Name);
        Assert.Null(changed.Company.Inn);
    }

    [Fact]
    public void Parse_DuplicatedPropertiesAndUnknownFields_Parse()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse("""
            {"eventType":"PartnerChanged","extra":{"a":[1,2,{"b":null}]},"occurredAt":"2026-10-01T09:15:27Z",
             "partner":{"partnerId":"1","name":"First","name":"Second","unknown":true}}
            """));
        Assert.Equal("1", changed.Company.Source.Id);
        Assert.Contains(changed.Company.Name, new[] { "First", "Second" });
    }

    [Fact]
    public void Parse_NonAsciiAndEscapes_AreDecoded()
    {
        var changed = Assert.IsType<PartnerChanged>(Parse("""
            {"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:15:27Z","partner":{"partnerId":"ё-1",
             "name":"ООО \u00ABРомашка\u00BB 😀","legalAddress":"Санкт-Петербург, Невский пр-т"}}
            """));
        Assert.Equal("ё-1", changed.Company.Source.Id);
        Assert.Equal("ООО «Ромашка» 😀", changed.Company.Name);
        Assert.Equal("Санкт-Петербург, Невский пр-т", changed.Company.LegalAddress);
    }
}
