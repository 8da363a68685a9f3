using System.Text;
using System.Text.Json;
using SyncGrid.Sources.StoreA;
using SyncGrid.Testing;

namespace SyncGrid.Sources.Tests.StoreA;

public class StoreAEnvelopeTests
{
    private static readonly DateTime Updated = new(2026, 10, 1, 9, 15, 27, 123, 456);

    [Fact]
    public void Parse_CompanyEnvelope_RoundTripsTheRawBytesAsBase64()
    {
        var name = StoreADatabase.Cp1251("ООО «Ромашка»");
        var row = new StoreACompanyRow { Id = 17, UpdatedAt = Updated, Name = name, Inn = Encoding.ASCII.GetBytes(" 7707 083 893 "), Kpp = "773601001", Email = "info@example.ru" };

        var json = StoreAEnvelope.Of(row, TimeZoneInfo.Utc).ToJson();
        var parsed = StoreAEnvelope.Parse(json);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(Convert.ToBase64String(name), document.RootElement.GetProperty("row").GetProperty("name").GetString());
        Assert.Equal("2026-10-01T09:15:27.123456", document.RootElement.GetProperty("updated_at").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("v").GetInt32());
        Assert.True(parsed.Success, parsed.Message);
        var back = Assert.IsType<StoreACompanyRow>(parsed.Envelope.Row);
        Assert.Equal(name, back.Name);
        Assert.Equal(Updated, back.UpdatedAt);
        Assert.Equal("companies/17", parsed.Envelope.Key);
        Assert.Equal("companies/17@2026-10-01T09:15:27.123456", parsed.Envelope.Position);
        Assert.Equal(new DateTimeOffset(Updated, TimeSpan.Zero), parsed.Envelope.ChangedAt);
    }

    [Fact]
    public void Of_ContactOfALaterChangedCompany_ChangesAtTheCompanysTimeInTheSourceZone()
    {
        var companyTime = Updated.AddHours(1);
        var row = new StoreAContactRow
        {
            Id = 5,
            UpdatedAt = Updated,
            CompanyId = 17,
            FullName = StoreADatabase.Utf8("Иванов Иван"),
            Company = new StoreAContactCompany(Encoding.ASCII.GetBytes("7707083893"), false, companyTime),
        };

        var envelope = StoreAEnvelope.Parse(StoreAEnvelope.Of(row, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToJson());

        Assert.True(envelope.Success, envelope.Message);
        Assert.Equal(new DateTimeOffset(companyTime, TimeSpan.FromHours(3)), envelope.Envelope.ChangedAt);
        var contact = Assert.IsType<StoreAContactRow>(envelope.Envelope.Row);
        Assert.Equal(17, contact.CompanyId);
        Assert.Equal(companyTime, contact.Company!.UpdatedAt);
        Assert.Equal("contacts/5@2026-10-01T09:15:27.123456", envelope.Envelope.Position);
    }

    [Theory]
    [InlineData("not json", StoreARejectCodes.EnvelopeMalformed)]
    [InlineData("""{"v":2,"table":"companies","id":1,"updated_at":"2026-10-01T09:00:00.000000","changed_at":"2026-10-01T09:00:00Z","row":{}}""", StoreARejectCodes.EnvelopeVersion)]
    [InlineData("""{"v":1,"table":"orders","id":1,"updated_at":"2026-10-01T09:00:00.000000","changed_at":"2026-10-01T09:00:00Z","row":{}}""", StoreARejectCodes.EnvelopeMalformed)]
    [InlineData("""{"v":1,"table":"companies","id":1,"updated_at":"2026-10-01T09:00:00.000000","changed_at":"2026-10-01T09:00:00Z","row":{"name":"%%% not base64"}}""", StoreARejectCodes.EnvelopeMalformed)]
    [InlineData("""{"v":1,"table":"companies","updated_at":"2026-10-01T09:00:00.000000","changed_at":"2026-10-01T09:00:00Z","row":{}}""", StoreARejectCodes.EnvelopeMalformed)]
    public void Parse_BadInput_FailsWithAReasonCode(string json, string code)
    {
        var result = StoreAEnvelope.Parse(Encoding.UTF8.GetBytes(json));

        Assert.False(result.Success);
        Assert.Equal(code, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }
}
