using System.Text;
using System.Text.Json;
using SyncGrid.Domain.Records;
using SyncGrid.Sources.Import;

namespace SyncGrid.Sources.Tests.Import;

public sealed class StoreBExportEnvelopeTests
{
    private static readonly DateTimeOffset ExportedAt = new(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fallback = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ExportFileIdentity File = new("export.json.gz", 1234, new string('a', 64));

    private static async Task<List<StoreBExportItem>> ReadAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var items = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(new StoreBExportOptions { SourceName = File.Name }).ReadAsync(stream, Fallback))
        {
            items.Add(item);
        }

        return items;
    }

    private const string Partner = """{"partnerId":" 0010004567 ","category":"ORGANIZATION","name":"ПАО  \"Сбербанк России\"","taxNumbers":{"inn":"7707083893"},"contacts":[{"contactId":"C-1","lastName":"Иванов","emails":["IVANOV@Example.ru "]}]}""";

    [Fact]
    public async Task Create_Partner_KeyedByPartnerIdCarryingTheRawPartnerAsAPartnerChangedEvent()
    {
        var item = Assert.Single(await ReadAsync("{\"exportedAt\":\"2026-09-30T23:00:00Z\",\"partners\":[" + Partner + "]}"));

        var record = StoreBExportEnvelope.Create(item, File, Fallback);

        Assert.Equal("0010004567", record.Key);
        using var json = JsonDocument.Parse(record.Value);
        var root = json.RootElement;
        Assert.Equal(StoreBExportEnvelope.Format, root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("export.json.gz", root.GetProperty("source").GetProperty("file").GetString());
        Assert.Equal(0, root.GetProperty("source").GetProperty("index").GetInt64());
        Assert.Equal(item.ByteOffset, root.GetProperty("source").GetProperty("offset").GetInt64());
        var sapEvent = root.GetProperty("event");
        Assert.Equal("PartnerChanged", sapEvent.GetProperty("eventType").GetString());
        Assert.Equal(ExportedAt, sapEvent.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(Partner, sapEvent.GetProperty("partner").GetRawText());
        Assert.False(root.TryGetProperty("rejected", out _));
    }

    [Fact]
    public async Task Read_PartnerRecord_IsThePartnerAtItsFilePositionWithTheExportTime()
    {
        var item = Assert.Single(await ReadAsync("{\"exportedAt\":\"2026-09-30T23:00:00Z\",\"partners\":[" + Partner + "]}"));

        var message = StoreBExportEnvelope.Read(StoreBExportEnvelope.Create(item, File, Fallback).Value, "topic/k@7");

        var changed = Assert.IsType<PartnerChanged>(message.Result);
        Assert.Equal($"export.json.gz#partners[0]@{item.ByteOffset}", changed.Position);
        Assert.Equal(new SourceRef(SourceStore.StoreB, "0010004567", ExportedAt), changed.Company.Source);
        Assert.Equal("ИВАНОВ@Example.ru ".Length, Assert.Single(changed.Contacts).Emails.Single()!.Length);
        Assert.Null(message.Raw);
    }

    [Fact]
    public async Task Read_ExportWithoutExportedAt_UsesTheFallbackTime()
    {
        var item = Assert.Single(await ReadAsync("{\"partners\":[" + Partner + "]}"));
        Assert.Null(item.ExportedAt);

        var changed = Assert.IsType<PartnerChanged>(StoreBExportEnvelope.Read(StoreBExportEnvelope.Create(item, File, Fallback).Value, "t@1").Result);

        Assert.Equal(Fallback, changed.Company.Source.ChangedAt);
    }

    [Theory]
    [InlineData("[1,2]", "json.shape")]
    [InlineData("{\"name\":\"no id\"}", "partner.id-missing")]
    [InlineData("null", "json.shape")]
    public async Task CreateAndRead_MalformedPartner_KeyedByPositionAndRejectedWithItsFilePositionAndRawText(string partner, string code)
    {
        var items = await ReadAsync("{\"partners\":[" + Partner + "," + partner + "]}");

        var record = StoreBExportEnvelope.Create(items[1], File, Fallback);
        var message = StoreBExportEnvelope.Read(record.Value, "t@1");

        Assert.Equal("export.json.gz#partners[1]", record.Key);
        var rejected = Assert.IsType<Rejected>(message.Result);
        Assert.Equal(code, rejected.Code);
        Assert.Equal($"export.json.gz#partners[1]@{items[1].ByteOffset}", rejected.Position);
        Assert.Equal(partner, message.Raw);
    }

    [Fact]
    public async Task Create_HugeMalformedPartner_RawIsTruncated()
    {
        var huge = "[\"" + new string('x', 10_000) + "\"]";
        var item = (await ReadAsync("{\"partners\":[" + huge + "]}"))[0];

        var message = StoreBExportEnvelope.Read(StoreBExportEnvelope.Create(item, File, Fallback).Value, "t@1");

        Assert.Equal(StoreBExportEnvelope.MaxRawChars, message.Raw!.Length);
        Assert.StartsWith("[\"xxx", message.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PartnerThatIsNotUtf8_RawKeepsWhatCanBeRead()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"partners\":[{\"partnerId\":\"P1\",\"name\":\"").Concat(new byte[] { 0xC0, 0xC1, (byte)'"', (byte)'}', (byte)']', (byte)'}' }).ToArray();
        using var stream = new MemoryStream(bytes);
        var items = new List<StoreBExportItem>();
        await foreach (var i in new StoreBExportReader(new StoreBExportOptions { SourceName = File.Name }).ReadAsync(stream, Fallback))
        {
            items.Add(i);
        }

        var record = StoreBExportEnvelope.Create(Assert.Single(items), File, Fallback);
        var message = StoreBExportEnvelope.Read(record.Value, "t@1");

        Assert.Equal(SapRejectCodes.JsonMalformed, Assert.IsType<Rejected>(message.Result).Code);
        Assert.StartsWith("{\"partnerId\":\"P1\"", message.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":\"other\",\"version\":1}")]
    [InlineData("{\"format\":\"syncgrid.store-b-export\",\"version\":2,\"source\":{\"file\":\"f\",\"index\":1,\"offset\":2},\"event\":{}}")]
    [InlineData("{\"format\":\"syncgrid.store-b-export\",\"version\":1,\"event\":{}}")]
    [InlineData("{\"format\":\"syncgrid.store-b-export\",\"version\":1,\"source\":{\"file\":\"f\",\"index\":1,\"offset\":2}}")]
    public void Read_NotAnEnvelope_IsRejectedAsMalformedAtTheTransportPosition(string value)
    {
        var message = StoreBExportEnvelope.Read(Encoding.UTF8.GetBytes(value), "syncgrid.store-b-exports/k@12");

        var rejected = Assert.IsType<Rejected>(message.Result);
        Assert.Equal(StoreBExportEnvelope.MalformedCode, rejected.Code);
        Assert.Equal(value.Contains("\"source\"", StringComparison.Ordinal) && !value.Contains("\"version\":2", StringComparison.Ordinal) ? "f#partners[1]@2" : "syncgrid.store-b-exports/k@12", rejected.Position);
        Assert.Equal(value, message.Raw);
    }

    [Fact]
    public void Read_InvalidUtf8_IsRejectedAsMalformed()
    {
        var message = StoreBExportEnvelope.Read(new byte[] { 0x7B, 0xC0, 0x7D }, "t@1");
        Assert.Equal(StoreBExportEnvelope.MalformedCode, Assert.IsType<Rejected>(message.Result).Code);
    }
}
