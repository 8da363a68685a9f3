using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;

namespace SyncGrid.IntegrationTests.Rejects;

/// <summary>
/// What every <see cref="IRejectStore"/> must do. Each test works under its own reason-code prefix, so tests sharing a
/// database never see each other's rows.
/// </summary>
public abstract class RejectStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(T0);

    protected abstract IRejectStore Store { get; }

    [Fact]
    public async Task RecordAsync_SameEntryTwice_OneRowCountTwoLastSeenMoved()
    {
        var p = Prefix();
        var entry = Entry(p, "A-1", "inn", "7707083894", "tin.checksum", position: "offset 10");
        await Store.RecordAsync([entry]);
        Clock.Now = T0.AddMinutes(5);

        await Store.RecordAsync([entry with { SourcePosition = "offset 42" }]);

        var row = Assert.Single(await Store.QueryAsync(new RejectQuery(ReasonPrefix: p)));
        Assert.Equal((2L, T0, T0.AddMinutes(5), "offset 42"), (row.Count, row.FirstSeen, row.LastSeen, row.Entry.SourcePosition));
        Assert.Equal(("A-1", "inn", "7707083894", SourceStore.StoreA), (row.Entry.SourceId, row.Entry.Field, row.Entry.RawValue, row.Entry.Store));
    }

    [Fact]
    public async Task RecordAsync_DuplicatesInOneBatch_CountedNotDuplicated()
    {
        var p = Prefix();
        var entry = Entry(p, "A-2", "phone", "+7 999", "phone.format");

        await Store.RecordAsync([entry, entry, entry]);

        Assert.Equal(3, Assert.Single(await Store.QueryAsync(new RejectQuery(ReasonPrefix: p))).Count);
    }

    [Fact]
    public async Task RecordAsync_DifferentRawValuesIncludingAbsentAndEmpty_SeparateRows()
    {
        var p = Prefix();

        await Store.RecordAsync([Entry(p, "A-3", "inn", "1", "tin.length"), Entry(p, "A-3", "inn", "2", "tin.length"), Entry(p, "A-3", "inn", null, "tin.length"), Entry(p, "A-3", "inn", string.Empty, "tin.length")]);

        var rows = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p));
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.Entry.RawValue is null);
        Assert.Contains(rows, r => r.Entry.RawValue == string.Empty);
    }

    [Fact]
    public async Task RecordAsync_LongRawValue_KeptWhole()
    {
        var p = Prefix();
        var raw = new string('ж', 20_000);

        await Store.RecordAsync([Entry(p, "A-4", "comment", raw, "text.too-long")]);
        await Store.RecordAsync([Entry(p, "A-4", "comment", raw, "text.too-long")]);

        var row = Assert.Single(await Store.QueryAsync(new RejectQuery(ReasonPrefix: p)));
        Assert.Equal((raw, 2L), (row.Entry.RawValue, row.Count));
    }

    [Fact]
    public async Task QueryAsync_FiltersByStoreSourceAndReasonPrefix()
    {
        var p = Prefix();
        await Store.RecordAsync(
        [
            Entry(p, "A-5", "inn", "x", "tin.format"),
            Entry(p, "A-6", "inn", "y", "tin.checksum"),
            Entry(p, "B-1", "phone", "z", "phone.format", SourceStore.StoreB),
        ]);

        var tin = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p + "tin."));
        var storeB = await Store.QueryAsync(new RejectQuery(Store: SourceStore.StoreB, ReasonPrefix: p));
        var source = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p, SourceId: "A-6"));

        Assert.Equal(["A-5", "A-6"], tin.Select(r => r.Entry.SourceId).Order(StringComparer.Ordinal));
        Assert.Equal("B-1", Assert.Single(storeB).Entry.SourceId);
        Assert.Equal(p + "tin.checksum", Assert.Single(source).Entry.ReasonCode);
    }

    [Fact]
    public async Task QueryAsync_Pages_NewestFirst()
    {
        var p = Prefix();
        for (var i = 0; i < 5; i++)
        {
            Clock.Now = T0.AddMinutes(i);
            await Store.RecordAsync([Entry(p, $"A-{i}", "inn", "v", "tin.format")]);
        }

        var first = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p, Limit: 2));
        var second = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p, Offset: 2, Limit: 2));
        var last = await Store.QueryAsync(new RejectQuery(ReasonPrefix: p, Offset: 4, Limit: 2));

        Assert.Equal(["A-4", "A-3", "A-2", "A-1", "A-0"], first.Concat(second).Concat(last).Select(r => r.Entry.SourceId));
    }

    [Fact]
    public async Task CountByReasonAsync_CountsDistinctRejectsPerReason_NotSightings()
    {
        var p = Prefix();
        await Store.RecordAsync([Entry(p, "A-7", "inn", "1", "tin.format"), Entry(p, "A-7", "inn", "1", "tin.format"), Entry(p, "A-8", "inn", "2", "tin.format"), Entry(p, "A-9", "phone", "3", "phone.format", SourceStore.StoreB)]);

        var all = await Store.CountByReasonAsync(new RejectQuery(ReasonPrefix: p));
        var storeA = await Store.CountByReasonAsync(new RejectQuery(Store: SourceStore.StoreA, ReasonPrefix: p));

        // A-7's value was seen twice (a redelivery): still one bad value.
        Assert.Equal(2, all[p + "tin.format"]);
        Assert.Equal(1, all[p + "phone.format"]);
        Assert.Equal([p + "tin.format"], storeA.Keys);
    }

    [Fact]
    public async Task FromProblems_TinProblem_BecomesAStoredReject()
    {
        var problem = Tin.Parse("7707083894").Problem!;
        var entries = RejectEntry.FromProblems([problem], SourceStore.StoreB, "sap-1", "file.json.gz:1234");

        await Store.RecordAsync(entries);

        var row = Assert.Single(await Store.QueryAsync(new RejectQuery(SourceId: "sap-1", ReasonPrefix: "tin.checksum")));
        Assert.Equal(("inn", "7707083894", "file.json.gz:1234", SourceStore.StoreB), (row.Entry.Field, row.Entry.RawValue, row.Entry.SourcePosition, row.Entry.Store));
    }

    private static string Prefix() => $"t{Guid.NewGuid():N}"[..12] + ".";

    private static RejectEntry Entry(string prefix, string id, string field, string? raw, string reason, SourceStore store = SourceStore.StoreA, string? position = null) =>
        new(store, id, position ?? "pos", field, raw, prefix + reason, $"{reason} in {field}");

    /// <summary>A clock the test sets.</summary>
    protected sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
