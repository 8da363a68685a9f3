using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Domain.Text;
using SyncGrid.Sources.StoreA;
using SyncGrid.Testing;
using static SyncGrid.Testing.StoreADatabase;

namespace SyncGrid.Sources.Tests.StoreA;

/// <summary>The reader against a real store A database on MariaDB (one per test class).</summary>
[Trait("Category", "Integration")]
public sealed class MySqlStoreAReaderTests : IAsyncLifetime
{
    private StoreADatabase _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CreateAsync("reader");

        // 40 companies: ids out of time order, several sharing one updated_at, so the id breaks ties.
        for (var id = 1; id <= 40; id++)
        {
            await _store.UpsertCompanyAsync(id, At((41 - id) / 3), Cp1251($"ООО Компания {id}"), Cp1251("7707083893"));
        }

        await _store.UpsertCompanyAsync(100, At(100), Cp1251("ООО «Ромашка»"), Cp1251("ИНН 7707083893"), address: Utf8("г. Москва, ул. Вавилова"), deleted: true);
        await _store.UpsertCompanyAsync(101, At(101), Utf8("ПАО «Новый формат»"), Utf8(" 7707 083 893 "));
        await _store.UpsertContactAsync(1, 100, At(1), Cp1251("Иванов Иван Иванович"), "ivanov@example.ru");
        await _store.UpsertContactAsync(2, 999, At(2), Utf8("Петрова Анна"));
        await _store.UpsertContactAsync(3, null, At(2), Cp1251("Сидоров"));
        await _store.UpsertContactAsync(4, 101, At(3), Cp1251("Козлов"), position: Cp1251("бухгалтер"));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task ReadPageAsync_PagesInKeysetOrder_EachRowOnceStrictlyAfterTheCursor()
    {
        using var reader = Reader();
        var seen = new List<StoreAPosition>();
        var cursor = StoreAPosition.Start;
        while (true)
        {
            var page = await reader.ReadPageAsync(StoreATable.Companies, cursor, 7);
            Assert.All(page, r => Assert.True(r.Position > cursor, $"{r.Position} is not after the cursor {cursor}"));
            seen.AddRange(page.Select(r => r.Position));
            if (page.Count < 7)
            {
                break;
            }

            cursor = page[^1].Position;
        }

        var expected = (await _store.QueryAsync("SELECT updated_at, id FROM companies ORDER BY updated_at, id"))
            .Select(r => new StoreAPosition((DateTime)r["updated_at"]!, Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(expected, seen);
        Assert.Equal(42, seen.Distinct().Count());
    }

    [Fact]
    public async Task ReadPageAsync_BehindTheWatermark_RereadsTheOverlapWindow()
    {
        using var reader = Reader();
        var watermark = new StoreAPosition(At(101), 101);

        var none = await reader.ReadPageAsync(StoreATable.Companies, watermark, 100);
        var overlap = await reader.ReadPageAsync(StoreATable.Companies, watermark.Behind(TimeSpan.FromSeconds(1)), 100);

        Assert.Empty(none);
        Assert.Equal([100L, 101L], overlap.Select(r => r.Id));
    }

    [Fact]
    public async Task ReadPageAsync_Latin1Columns_ComeAsTheStoredBytes_WhereTheServerWouldMakeMojibake()
    {
        using var reader = Reader();

        var rows = await reader.ReadPageAsync(StoreATable.Companies, new StoreAPosition(At(99), 0), 10);

        var legacy = Assert.IsType<StoreACompanyRow>(rows[0]);
        var modern = Assert.IsType<StoreACompanyRow>(rows[1]);
        Assert.Equal(Cp1251("ООО «Ромашка»"), legacy.Name);
        Assert.Equal(Utf8("г. Москва, ул. Вавилова"), legacy.LegalAddress);
        Assert.True(legacy.IsDeleted);
        Assert.Equal("ООО «Ромашка»", SourceText.Decode(legacy.Name));
        Assert.Equal("г. Москва, ул. Вавилова", SourceText.Decode(legacy.LegalAddress));
        Assert.Equal("ПАО «Новый формат»", SourceText.Decode(modern.Name));

        // What a plain SELECT returns: the server converts latin1 to UTF-8, and windows-1251 bytes become mojibake.
        var plain = (string)(await _store.QueryAsync("SELECT name FROM companies WHERE id = 100"))[0]["name"]!;
        Assert.NotEqual("ООО «Ромашка»", plain);
        Assert.Equal("ООО «Ромашка»", SourceText.RepairLatin1Mojibake(plain));
    }

    [Fact]
    public async Task ReadPageAsync_Contacts_ComeWithTheirCompanyFromTheJoin()
    {
        using var reader = Reader();

        var rows = (await reader.ReadPageAsync(StoreATable.Contacts, StoreAPosition.Start, 10)).Cast<StoreAContactRow>().ToDictionary(r => r.Id);

        Assert.Equal([1L, 2L, 3L, 4L], rows.Keys.Order());
        Assert.True(rows[1].Company!.IsDeleted);
        Assert.Equal(Cp1251("ИНН 7707083893"), rows[1].Company!.Inn);
        Assert.Equal(At(100), rows[1].Company!.UpdatedAt);
        Assert.Equal(At(100), rows[1].ChangedAt);
        Assert.Null(rows[2].Company);
        Assert.Equal(999, rows[2].CompanyId);
        Assert.Null(rows[3].Company);
        Assert.Null(rows[3].CompanyId);
        Assert.False(rows[4].Company!.IsDeleted);
        Assert.Equal(Cp1251("бухгалтер"), rows[4].JobTitle);
    }

    [Fact]
    public async Task ReadContactsOfCompaniesAsync_PagesByIdOverTheGivenCompanies()
    {
        using var reader = Reader();

        var first = await reader.ReadContactsOfCompaniesAsync([100, 101, 999], long.MinValue, 2);
        var second = await reader.ReadContactsOfCompaniesAsync([100, 101, 999], first[^1].Id, 2);

        Assert.Equal([1L, 2L], first.Select(r => r.Id));
        Assert.Equal([4L], second.Select(r => r.Id));
        Assert.Empty(await reader.ReadContactsOfCompaniesAsync([], long.MinValue, 2));
    }

    [Theory]
    [InlineData("companies")]
    [InlineData("contacts")]
    public async Task PageSql_WalksTheUpdatedAtIndex_WithoutSortingOrScanning(string table)
    {
        Assert.True(StoreATables.TryParse(table, out var t));
        var bulk = Enumerable.Range(0, 3000).Select(i => $"({10_000 + i}, 100, '2026-10-02 00:00:00' + INTERVAL {i % 997} SECOND)");
        var sql = t == StoreATable.Companies
            ? "INSERT IGNORE INTO companies (id, inn, updated_at) VALUES " + string.Join(",", bulk.Select(v => v.Replace(", 100,", ", '7707083893',", StringComparison.Ordinal)))
            : "INSERT IGNORE INTO contacts (id, company_id, updated_at) VALUES " + string.Join(",", bulk);
        await _store.ExecuteAsync(sql);
        await _store.ExecuteAsync($"ANALYZE TABLE {table}");

        foreach (var after in new[] { StoreAPosition.Start, new StoreAPosition(new DateTime(2026, 10, 2, 0, 5, 0), 0) })
        {
            var plan = await _store.QueryAsync("EXPLAIN " + MySqlStoreAReader.PageSql(t), ("@after_at", after.UpdatedAt), ("@after_id", after.Id), ("@limit", 1000));
            var described = $"{table} after {after}: {Describe(plan)}";

            // The page's ids: a range over the (updated_at, id) index alone, in index order (no sort, no table rows).
            var ids = Assert.Single(plan, r => (string?)r["select_type"] == "DERIVED");
            Assert.True("ix_" + table + "_updated" == (string?)ids["key"], described);
            Assert.True((string?)ids["type"] is "range" or "index", described);
            Assert.Contains("Using index", (string?)ids["Extra"] ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("filesort", (string?)ids["Extra"] ?? string.Empty, StringComparison.Ordinal);

            // The rows: fetched by primary key for those ids only (contacts also join their company by primary key).
            var fetches = plan.Where(r => (string?)r["select_type"] != "DERIVED" && !((string?)r["table"] ?? string.Empty).StartsWith("<derived", StringComparison.Ordinal)).ToList();
            Assert.Equal(t == StoreATable.Companies ? 1 : 2, fetches.Count);
            Assert.All(fetches, f => Assert.True((string?)f["type"] == "eq_ref" && (string?)f["key"] == "PRIMARY", described));
        }
    }

    [Fact]
    public async Task ReadPageAsync_RowsPerSecond_NeverExceededInAnySecond()
    {
        using var reader = Reader(rowsPerSecond: 20);
        var reads = new List<(TimeSpan At, int Rows)>();
        var watch = Stopwatch.StartNew();
        var cursor = StoreAPosition.Start;
        for (var i = 0; i < 5; i++)
        {
            var page = await reader.ReadPageAsync(StoreATable.Companies, cursor, 10);
            reads.Add((watch.Elapsed, page.Count));
            cursor = page[^1].Position;
        }

        // 50 rows at 20/s: the reads at 0, 1 and 2 s carry 20, 20 and 10 rows.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.95), $"50 rows at 20 rows/s took only {watch.Elapsed}");
        foreach (var (at, _) in reads)
        {
            var inWindow = reads.Where(r => r.At >= at && r.At < at + TimeSpan.FromSeconds(0.95)).Sum(r => r.Rows);
            Assert.True(inWindow <= 20, $"{inWindow} rows read within a second from {at}");
        }
    }

    private MySqlStoreAReader Reader(int rowsPerSecond = 100_000) =>
        new(Options.Create(new StoreAOptions { ConnectionString = _store.ConnectionString, RowsPerSecond = rowsPerSecond }), TimeProvider.System, NullLogger<MySqlStoreAReader>.Instance);

    private static string Describe(List<Dictionary<string, object?>> plan) =>
        string.Join(" | ", plan.Select(r => string.Join(", ", r.Select(c => $"{c.Key}={c.Value}"))));
}
