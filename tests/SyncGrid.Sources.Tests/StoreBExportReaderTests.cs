using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Sources.Tests;

public sealed class StoreBExportReaderTests : IDisposable
{
    private static readonly DateTimeOffset ExportedAt = new(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fallback = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string PartnerJson(int i, string name = "ООО \"Ромашка\"") =>
        $$"""{"partnerId":"P{{i}}","category":"ORGANIZATION","name":"{{name.Replace("\"", "\\\"", StringComparison.Ordinal)}} {{i}}","taxNumbers":{"inn":"7707083893"},"phones":[{"number":"8 495 500-55-50"}],"contacts":[{"contactId":"C{{i}}","lastName":"Иванов"}]}""";

    private static string Export(IEnumerable<string> partners, string head = "\"exportedAt\":\"2026-09-30T23:00:00Z\",\"source\":\"sapcrm\",") =>
        "{" + head + "\"partners\":[" + string.Join(",\n", partners) + "]}";

    private static async Task<List<StoreBExportItem>> ReadAsync(byte[] bytes, StoreBExportOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        var result = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(options ?? new StoreBExportOptions()).ReadAsync(stream, Fallback))
        {
            result.Add(item);
        }

        return result;
    }

    private static async Task<List<StoreBExportItem>> ReadAsync(string json, StoreBExportOptions? options = null) =>
        await ReadAsync(Encoding.UTF8.GetBytes(json), options);

    [Fact]
    public async Task ReadAsync_SmallFile_YieldsEveryPartnerWithExportTimeIndexAndOffset()
    {
        var json = Export(Enumerable.Range(0, 3).Select(i => PartnerJson(i)));
        var items = await ReadAsync(json);

        Assert.Equal([0L, 1L, 2L], items.Select(i => i.Index));
        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var item in items)
        {
            var changed = Assert.IsType<PartnerChanged>(item.Result);
            Assert.Equal(new SourceRef(SourceStore.StoreB, $"P{item.Index}", ExportedAt), changed.Company.Source);
            Assert.Equal($"ООО \"Ромашка\" {item.Index}", changed.Company.Name);
            Assert.Equal("7707083893", Assert.Single(changed.Contacts).CompanyInn);
            Assert.Equal($"partners[{item.Index}]@{item.ByteOffset}", changed.Position);
            Assert.StartsWith("{\"partnerId\":\"P" + item.Index, Encoding.UTF8.GetString(bytes, (int)item.ByteOffset, 20), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_TinyBufferAndBom_SplitsAcrossRefillsAndGrows()
    {
        var json = Export(Enumerable.Range(0, 50).Select(i => PartnerJson(i, new string('Я', 3000))));
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];
        var items = await ReadAsync(bytes, new StoreBExportOptions { BufferSize = 100 });
        Assert.Equal(50, items.Count);
        Assert.All(items, i => Assert.IsType<PartnerChanged>(i.Result));
        Assert.Equal("P49", ((PartnerChanged)items[^1].Result).Company.Source.Id);
        Assert.Equal(0xEF, bytes[0]);
        Assert.Equal((byte)'{', bytes[items[7].ByteOffset]);
    }

    [Fact]
    public async Task ReadFileAsync_GzipFile_IsDecompressed()
    {
        var path = Path.Combine(_dir, "export.json.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Export(Enumerable.Range(0, 5).Select(i => PartnerJson(i)))));
        }

        var items = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(new StoreBExportOptions { SourceName = "export.json.gz" }).ReadFileAsync(path, Fallback))
        {
            items.Add(item);
        }

        Assert.Equal(5, items.Count);
        Assert.StartsWith("export.json.gz#partners[0]@", items[0].Result.Position, StringComparison.Ordinal);
        Assert.Equal("ООО \"Ромашка\" 4", ((PartnerChanged)items[4].Result).Company.Name);
    }

    [Fact]
    public async Task ReadAsync_GzipStreamWithoutExtension_IsDetectedByMagicBytes()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Export([PartnerJson(1)])));
        }

        var items = await ReadAsync(compressed.ToArray());
        Assert.Equal("P1", Assert.IsType<PartnerChanged>(Assert.Single(items).Result).Company.Source.Id);
    }

    [Fact]
    public async Task ReadAsync_Windows1251_IsTranscoded()
    {
        var bytes = SourceText.Windows1251.GetBytes(Export([PartnerJson(1, "ЗАО «Вектор» ёЁ")]));
        var items = await ReadAsync(bytes, new StoreBExportOptions { Encoding = SourceText.Windows1251 });
        var changed = Assert.IsType<PartnerChanged>(Assert.Single(items).Result);
        Assert.Equal("ЗАО «Вектор» ёЁ 1", changed.Company.Name);
        Assert.Equal("Иванов", changed.Contacts[0].LastName);
    }

    [Fact]
    public async Task ReadAsync_Windows1251ReadAsUtf8_RejectsPartnerAsNotUtf8AndGoesOn()
    {
        var bytes = SourceText.Windows1251.GetBytes(Export([PartnerJson(0, "Вектор"), "{\"partnerId\":\"P1\"}"]));
        var items = await ReadAsync(bytes);
        Assert.Equal(SapRejectCodes.JsonMalformed, Assert.IsType<Rejected>(items[0].Result).Code);
        Assert.IsType<PartnerChanged>(items[1].Result);
    }

    [Fact]
    public async Task ReadAsync_MalformedPartnersInTheMiddle_AreRejectedWithIndexAndTheRestIsRead()
    {
        var items = await ReadAsync(Export([PartnerJson(0), "[1,2]", "\"text\"", "{\"name\":\"no id\"}", "null", PartnerJson(5)]));

        Assert.Equal(6, items.Count);
        Assert.IsType<PartnerChanged>(items[0].Result);
        Assert.Equal((1L, SapRejectCodes.JsonShape), (items[1].Index, Assert.IsType<Rejected>(items[1].Result).Code));
        Assert.Equal((2L, SapRejectCodes.JsonShape), (items[2].Index, Assert.IsType<Rejected>(items[2].Result).Code));
        Assert.Equal((3L, SapRejectCodes.PartnerIdMissing), (items[3].Index, Assert.IsType<Rejected>(items[3].Result).Code));
        Assert.Equal((4L, SapRejectCodes.JsonShape), (items[4].Index, Assert.IsType<Rejected>(items[4].Result).Code));
        Assert.StartsWith("partners[3]@", items[3].Result.Position, StringComparison.Ordinal);
        Assert.Equal("P5", Assert.IsType<PartnerChanged>(items[5].Result).Company.Source.Id);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public async Task ReadAsync_TruncatedFile_EndsWithOneRejection(int cut)
    {
        var json = Export(Enumerable.Range(0, 3).Select(i => PartnerJson(i)));
        var bytes = Encoding.UTF8.GetBytes(json)[..^cut];
        var items = await ReadAsync(bytes, new StoreBExportOptions { BufferSize = 64 });
        var last = Assert.IsType<Rejected>(items[^1].Result);
        Assert.Equal(SapRejectCodes.JsonMalformed, last.Code);
        Assert.Contains("truncated", last.Message, StringComparison.Ordinal);
        Assert.All(items[..^1], i => Assert.IsType<PartnerChanged>(i.Result));
        Assert.Equal(items.Count - 1, items[^1].Index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"partners\":[{\"partnerId\":\"1\"} {\"partnerId\":\"2\"}]}")]
    public async Task ReadAsync_BrokenJson_EndsWithOneMalformedRejection(string json)
    {
        var items = await ReadAsync(json);
        Assert.Equal(SapRejectCodes.JsonMalformed, Assert.IsType<Rejected>(items[^1].Result).Code);
        Assert.True(items.Count <= 2);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"partners\":{\"partnerId\":\"1\"}}")]
    public async Task ReadAsync_WrongShapeExport_IsRejected(string json)
    {
        var items = await ReadAsync(json);
        Assert.Equal(SapRejectCodes.JsonShape, Assert.IsType<Rejected>(Assert.Single(items).Result).Code);
    }

    [Fact]
    public async Task ReadAsync_StartAfter_SkipsCheckpointedPartners()
    {
        var items = await ReadAsync(Export(Enumerable.Range(0, 10).Select(i => PartnerJson(i))), new StoreBExportOptions { StartAfter = 6, BufferSize = 128 });
        Assert.Equal([7L, 8L, 9L], items.Select(i => i.Index));
        Assert.Equal("P7", ((PartnerChanged)items[0].Result).Company.Source.Id);
    }

    [Fact]
    public async Task ReadAsync_ExportedAtAfterPartners_UsesFallbackTime()
    {
        var json = "{\"source\":\"sapcrm\",\"partners\":[" + PartnerJson(1) + "],\"exportedAt\":\"2026-09-30T23:00:00Z\",\"extra\":{\"a\":[1]}}";
        var changed = Assert.IsType<PartnerChanged>(Assert.Single(await ReadAsync(json)).Result);
        Assert.Equal(Fallback, changed.Company.Source.ChangedAt);
        Assert.Equal(Fallback, changed.Contacts[0].Source.ChangedAt);
    }

    [Fact]
    public async Task ReadAsync_UnknownRootPropertiesAndEmptyArray_Parse()
    {
        var items = await ReadAsync("{\"meta\":{\"x\":[1,{\"y\":null}]},\"exportedAt\":\"garbage\",\"partners\":[]}");
        Assert.Empty(items);
    }

    [Fact]
    public async Task ReadFileAsync_FiftyMegabytes_StreamsWithFlatMemory()
    {
        var path = Path.Combine(_dir, "big.json");
        var count = 0;
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("{\"exportedAt\":\"2026-09-30T23:00:00Z\",\"source\":\"sapcrm\",\"partners\":[");
            while (writer.BaseStream.Length < 50L << 20)
            {
                for (var i = 0; i < 1000; i++, count++)
                {
                    await writer.WriteAsync((count == 0 ? "" : ",") + PartnerJson(count));
                }

                await writer.FlushAsync();
            }

            await writer.WriteAsync("]}");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        var read = 0L;
        var watch = Stopwatch.StartNew();
        await foreach (var item in new StoreBExportReader().ReadFileAsync(path, Fallback))
        {
            Assert.Equal(read, item.Index);
            Assert.IsType<PartnerChanged>(item.Result);
            if (++read % 25_000 == 0)
            {
                // Live memory mid-read: a reader that held the file (50 MB) or its partners would blow the bound.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(count, read);
        Assert.True(peak - before < 16L << 20, $"Heap grew by {(peak - before) >> 20} MB while reading {new FileInfo(path).Length >> 20} MB.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Reading took {watch.Elapsed}.");
    }

    [Fact]
    public async Task ReadFileAsync_GzippedWindows1251_IsDecompressedThenTranscoded()
    {
        var path = Path.Combine(_dir, "old-export.json.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(SourceText.Windows1251.GetBytes(Export([PartnerJson(1, "ИП Петров")])));
        }

        var items = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(new StoreBExportOptions { Encoding = SourceText.Windows1251 }).ReadFileAsync(path, Fallback))
        {
            items.Add(item);
        }

        Assert.Equal("ИП Петров 1", Assert.IsType<PartnerChanged>(Assert.Single(items).Result).Company.Name);
    }

    [Fact]
    public async Task ReadAsync_PartnerLargerThanMaxPartnerBytes_StopsWithOneRejection()
    {
        var json = Export([PartnerJson(0), PartnerJson(1, new string('x', 20_000)), PartnerJson(2)]);
        var items = await ReadAsync(json, new StoreBExportOptions { BufferSize = 4096, MaxPartnerBytes = 8192 });
        Assert.Equal(2, items.Count);
        Assert.IsType<PartnerChanged>(items[0].Result);
        var rejected = Assert.IsType<Rejected>(items[1].Result);
        Assert.Equal(SapRejectCodes.JsonShape, rejected.Code);
        Assert.Equal(1, items[1].Index);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Export(Enumerable.Range(0, 10).Select(i => PartnerJson(i)))));
        using var cancellation = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in new StoreBExportReader(new StoreBExportOptions { BufferSize = 256 }).ReadAsync(stream, Fallback, cancellation.Token))
            {
                read++;
                await cancellation.CancelAsync();
            }
        });
        Assert.True(read < 10);
    }
    [Fact]
    public async Task ReadAsync_Items_CarryTheirExactUtf8BytesAndTheExportTime()
    {
        var partners = new[] { PartnerJson(0), "{ \"partnerId\" : \"P1\",\n  \"name\": \"spaced\\u0020out\" }", "[1,2]" };
        var json = Export(partners);
        var items = await ReadAsync(json);

        Assert.Equal(partners, items.Select(i => Encoding.UTF8.GetString(i.Utf8Json.Span)));
        Assert.All(items, i => Assert.Equal(ExportedAt, i.ExportedAt));
        Assert.All(items, i => Assert.False(i.EndsRead));
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.All(items, i => Assert.True(bytes.AsSpan((int)i.ByteOffset).StartsWith(i.Utf8Json.Span)));
    }

    [Fact]
    public async Task ReadAsync_ExportedAtMissingOrAfterPartners_ItemsHaveNoExportTime()
    {
        var after = await ReadAsync("{\"partners\":[" + PartnerJson(1) + "],\"exportedAt\":\"2026-09-30T23:00:00Z\"}");
        Assert.Null(Assert.Single(after).ExportedAt);
    }

    [Fact]
    public async Task ReadAsync_Windows1251_ItemBytesAreTheTranscodedUtf8()
    {
        var partner = PartnerJson(1, "ЗАО «Вектор»");
        var items = await ReadAsync(SourceText.Windows1251.GetBytes(Export([partner])), new StoreBExportOptions { Encoding = SourceText.Windows1251 });
        Assert.Equal(partner, Encoding.UTF8.GetString(Assert.Single(items).Utf8Json.Span));
    }

    [Fact]
    public async Task ReadAsync_TruncatedFile_TheEndingRejectionCarriesTheUnreadTail()
    {
        var json = Export(Enumerable.Range(0, 3).Select(i => PartnerJson(i)));
        var items = await ReadAsync(Encoding.UTF8.GetBytes(json)[..^40], new StoreBExportOptions { BufferSize = 64 });
        var last = items[^1];
        Assert.True(last.EndsRead);
        Assert.All(items[..^1], i => Assert.False(i.EndsRead));
        Assert.Contains("{\"partnerId\":\"P2\"", Encoding.UTF8.GetString(last.Utf8Json.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0, 256)]
    [InlineData(true, 0, 256)]
    [InlineData(false, 3, 256)]
    [InlineData(true, 3, 1 << 20)]
    public async Task ReadAsync_ResumeAtOnPlainUtf8_JumpsToTheOffsetAndYieldsWhatAFullReadYields(bool bom, int leadingBytes, int bufferSize)
    {
        var json = Export(Enumerable.Range(0, 200).Select(i => PartnerJson(i)));
        byte[] bytes = [.. new byte[leadingBytes], .. bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. Encoding.UTF8.GetBytes(json)];
        var full = await ReadFromAsync(bytes, leadingBytes, new StoreBExportOptions { BufferSize = 256 });
        var checkpoint = full[120];

        using var stream = new CountingStream(bytes) { Position = leadingBytes };
        var resumed = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(new StoreBExportOptions { BufferSize = bufferSize, ResumeAt = new(checkpoint.Index, checkpoint.ByteOffset) }).ReadAsync(stream, Fallback))
        {
            resumed.Add(item);
        }

        Assert.Equal(full[121..].Select(Describe), resumed.Select(Describe));
        Assert.All(resumed, i => Assert.Equal(ExportedAt, i.ExportedAt));
        if (bufferSize < bytes.Length)
        {
            Assert.True(stream.BytesRead < bytes.Length / 2, $"The resumed read read {stream.BytesRead} of {bytes.Length} bytes: it scanned instead of jumping.");
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ReadAsync_ResumeAtOnGzipOrTranscodedExport_ScansToTheCheckpoint(bool gzip, bool windows1251)
    {
        var json = Export(Enumerable.Range(0, 50).Select(i => PartnerJson(i, "Вектор")));
        var encoding = windows1251 ? SourceText.Windows1251 : Encoding.UTF8;
        var bytes = encoding.GetBytes(json);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zip.WriteAsync(bytes);
            }

            bytes = compressed.ToArray();
        }

        var full = await ReadAsync(bytes, new StoreBExportOptions { Encoding = encoding });
        var resumed = await ReadAsync(bytes, new StoreBExportOptions { Encoding = encoding, ResumeAt = new(full[29].Index, full[29].ByteOffset) });
        Assert.Equal(full[30..].Select(Describe), resumed.Select(Describe));
    }

    [Fact]
    public async Task ReadAsync_ResumeAtAnOffsetThatIsNoValue_FallsBackToScanning()
    {
        var json = Export(Enumerable.Range(0, 20).Select(i => PartnerJson(i)));
        var full = await ReadAsync(json);
        var resumed = await ReadAsync(json, new StoreBExportOptions { ResumeAt = new(full[9].Index, full[9].ByteOffset - 2) });
        Assert.Equal(full[10..].Select(Describe), resumed.Select(Describe));
    }

    private static string Describe(StoreBExportItem item) =>
        $"{item.Index}@{item.ByteOffset}:{item.Result.Position}:{Encoding.UTF8.GetString(item.Utf8Json.Span)}";

    private static async Task<List<StoreBExportItem>> ReadFromAsync(byte[] bytes, int origin, StoreBExportOptions options)
    {
        using var stream = new MemoryStream(bytes) { Position = origin };
        var result = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(options).ReadAsync(stream, Fallback))
        {
            result.Add(item);
        }

        return result;
    }

    /// <summary>A memory stream that counts the bytes read from it (a derived memory stream funnels every read through this overload).</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
