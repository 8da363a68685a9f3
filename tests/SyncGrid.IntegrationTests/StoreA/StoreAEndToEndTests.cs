using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Cli.Hosting;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;
using SyncGrid.Grains.Ingest;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Kafka.Mock;
using SyncGrid.Testing;
using Xunit.Abstractions;
using static SyncGrid.Testing.StoreADatabase;

namespace SyncGrid.IntegrationTests.StoreA;

/// <summary>
/// Store A end to end, configured as <c>syncgrid silo</c> configures it: a store A database on MariaDB, the
/// coordinator started at silo start, the mock Kafka cluster, the row ingest grains, company and contact grains on
/// MariaDB storage. A few hundred rows, the full extract, then updates, deletions, moves and late-committed rows.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StoreAEndToEndTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Base = new(2026, 10, 1, 9, 0, 0);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<long, CompanyRow> _companies = [];
    private readonly Dictionary<long, ContactRow> _contacts = [];
    private readonly HashSet<string> _tins = [];
    private readonly MigratedDatabase _grid = new();
    private readonly MockKafkaCluster _kafka = new(1);
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(object? Meter, string Outcome), long> _ingested = new();
    private readonly List<object> _siloMeters = [];
    private StoreADatabase _store = null!;
    private InProcessTestCluster _cluster = null!;
    private int _nextBody;

    public async Task InitializeAsync()
    {
        _nextBody = 100_000_000 + Random.Shared.Next(0, 800_000_000);

        // The ingest grains count every record they handle on syncgrid.ingest.records {outcome}.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SyncGrid" && instrument.Name == "syncgrid.ingest.records")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Only store A's records, by meter: other tests in this process ingest too, so Outcomes counts only the
            // meters of this cluster's silos.
            string? source = null, outcome = null;
            foreach (var tag in tags)
            {
                source = tag.Key == "source" ? (string?)tag.Value : source;
                outcome = tag.Key == "outcome" ? (string?)tag.Value : outcome;
            }

            if (source == IngestMetrics.StoreA && outcome is not null)
            {
                _ingested.AddOrUpdate((instrument.Meter.Scope, outcome), value, (_, sum) => sum + value);
            }
        });
        _listener.Start();
        await _grid.InitializeAsync();
        _store = await CreateAsync("e2e");
        _kafka.CreateTopic(StoreBStreams.Namespace, 1);
        _kafka.CreateTopic("syncgrid.store-a", 4);
        _kafka.CreateTopic(StoreBStreams.ExportsNamespace, 1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MariaDb"] = _grid.ConnectionString,
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:ConsumerGroupId"] = "e2e-" + _run,
            ["Sources:StoreA:ConnectionString"] = _store.ConnectionString,
            ["Sources:StoreA:PageSize"] = "40",
            ["Sources:StoreA:PollInterval"] = "00:00:00.200",
        }).Build();

        // Phase 1, before the silo starts: 300 companies (every 15th without a valid TIN, every other one in UTF-8) and
        // 200 contacts (five of them pointing at no company).
        for (var id = 1; id <= 300; id++)
        {
            await PutAsync(new CompanyRow(id, $"ООО «Компания {id}»", id % 15 == 0 ? null : NewTin(), Base.AddMilliseconds(id / 2 * 100), Utf8: id % 2 == 1));
        }

        for (var id = 1; id <= 200; id++)
        {
            await PutAsync(new ContactRow(id, id % 40 == 0 ? 9_000 + id : (id * 7 % 300) + 1, $"p{id}.{_run}@example.ru", id % 3 == 0 ? "ИВАНОВ И.И." : "  Петрова  Анна ", Base.AddMilliseconds(id * 100)));
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => SiloConfiguration.ConfigureGrid(silo, configuration));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        foreach (var silo in _cluster.Silos)
        {
            _siloMeters.Add(silo.ServiceProvider.GetService(typeof(IMeterFactory))!);
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _store.DisposeAsync();
        await _grid.DisposeAsync();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _kafka.Dispose();
    }

    [Fact]
    public async Task Replica_FullExtractThenChanges_GridConverges_RerunChangesNothing_WatermarkSurvivesDeactivation()
    {
        var coordinator = _cluster.Client.GetGrain<IStoreACoordinatorGrain>(StoreAStreams.DefaultSource);
        var watch = Stopwatch.StartNew();

        // The silo started the coordinator: full extract, then the grid converges.
        await UntilAsync(async () => (await coordinator.GetStatusAsync()).Tables.All(t => t.FullExtractDone), "the full extract");
        output.WriteLine($"full extract published after {watch.Elapsed}");
        await ConvergeAsync("after the full extract");
        output.WriteLine($"grid converged after {watch.Elapsed}");
        var invalid = await _grid.QueryAsync("SELECT COUNT(*) AS n FROM syncgrid_reject WHERE source_store = 'store-a' AND reason_code LIKE 'tin.%'");
        Assert.True(Convert.ToInt64(invalid[0]["n"], CultureInfo.InvariantCulture) >= 20, "the 20 companies without a valid TIN are in the rejects store");

        // Phase 2: names change, companies are deleted or move to another TIN, contacts are deleted or move company.
        var t2 = Base.AddHours(1);
        for (var id = 1; id <= 20; id++)
        {
            await PutAsync(_companies[id] with { Name = $"ООО «Обновлённая {id}»", UpdatedAt = t2.AddMilliseconds(id) });
        }

        for (var id = 21; id <= 30; id++)
        {
            await PutAsync(_companies[id] with { Deleted = true, UpdatedAt = t2.AddMilliseconds(id) });
        }

        for (var id = 31; id <= 40; id++)
        {
            await PutAsync(_companies[id] with { Tin = NewTin(), UpdatedAt = t2.AddMilliseconds(id) });
        }

        for (var id = 1; id <= 10; id++)
        {
            await PutAsync(_contacts[id] with { Deleted = true, UpdatedAt = t2.AddMilliseconds(id) });
        }

        for (var id = 11; id <= 15; id++)
        {
            await PutAsync(_contacts[id] with { CompanyId = 30 + id, UpdatedAt = t2.AddMilliseconds(id) });
        }

        await UntilAsync(async () => (await coordinator.GetStatusAsync()).Tables.All(t => t.WatermarkUpdatedAt >= t2), "the changes' watermark");

        // Rows a long transaction commits now with an updated_at 5 s behind the watermark: the overlap window finds them.
        var status = await coordinator.GetStatusAsync();
        var late = status.Tables[0].WatermarkUpdatedAt!.Value.AddSeconds(-5);
        for (var id = 301; id <= 303; id++)
        {
            await PutAsync(new CompanyRow(id, $"ООО «Поздняя {id}»", NewTin(), late, Utf8: false));
        }

        await PutAsync(new ContactRow(201, 301, $"late.{_run}@example.ru", "Петрова Анна", status.Tables[1].WatermarkUpdatedAt!.Value.AddSeconds(-5)));
        await ConvergeAsync("after the changes and the late rows");
        output.WriteLine($"grid converged on the changes after {watch.Elapsed}");

        // The coordinator stops and deactivates; a new activation starts from the persisted watermark, not from scratch.
        var before = await coordinator.GetStatusAsync();
        await coordinator.StopAsync();
        var reactivated = await coordinator.GetStatusAsync();
        Assert.False(reactivated.Running);
        Assert.All(reactivated.Tables, t => Assert.Null(t.LastPollAt));
        Assert.Equal(before.Tables.Select(t => (t.WatermarkUpdatedAt, t.WatermarkId, t.FullExtractDone)), reactivated.Tables.Select(t => (t.WatermarkUpdatedAt, t.WatermarkId, t.FullExtractDone)));
        await coordinator.StartAsync();
        await UntilAsync(async () => (await coordinator.GetStatusAsync()).Tables.All(t => t.LastPollAt is not null), "a poll of the new activation");
        var resumed = await coordinator.GetStatusAsync();
        await coordinator.StopAsync();
        var stopped = await coordinator.GetStatusAsync();
        Assert.True(resumed.Tables[0].RowsRead - reactivated.Tables[0].RowsRead < 100, $"the new activation re-read {resumed.Tables[0].RowsRead - reactivated.Tables[0].RowsRead} company rows: a full extract again, not a delta");
        await QuiesceAsync(stopped);

        // A rerun of the whole extract (a second coordinator, same replica, same topic) changes no grain state.
        var versions = await VersionsAsync();
        var appliedBefore = Outcomes("applied");
        Assert.True(appliedBefore >= 400, $"only {appliedBefore} records applied before the rerun");
        var rerun = _cluster.Client.GetGrain<IStoreACoordinatorGrain>("store-a-rerun");
        await rerun.StartAsync();
        await UntilAsync(async () => (await rerun.GetStatusAsync()).Tables.All(t => t.FullExtractDone), "the rerun's full extract");
        await rerun.StopAsync();
        await QuiesceAsync(stopped, await rerun.GetStatusAsync());
        Assert.Equal(appliedBefore, Outcomes("applied"));
        Assert.Equal(versions, await VersionsAsync());
        output.WriteLine($"rerun done after {watch.Elapsed}; {Outcomes(null)} records ingested in all");
    }

    /// <summary>Waits until the ingest grains have handled every record the coordinators published (each at least once).</summary>
    private async Task QuiesceAsync(params StoreAStatus[] coordinators)
    {
        var published = coordinators.Sum(c => c.Tables.Sum(t => t.RowsPublished));
        await UntilAsync(() => Task.FromResult(Outcomes(null) >= published), $"the ingest of {published} published records (ingested so far: {Outcomes(null)})");
    }

    private long Outcomes(string? outcome) =>
        _ingested.Where(o => _siloMeters.Contains(o.Key.Meter!) && (outcome is null || o.Key.Outcome == outcome)).Sum(o => o.Value);

    private async Task<Dictionary<string, long>> VersionsAsync()
    {
        var versions = new Dictionary<string, long>();
        foreach (var tin in _tins)
        {
            versions["company " + tin] = (await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Version;
        }

        foreach (var contact in _contacts.Values)
        {
            versions["contact " + contact.Email] = (await _cluster.Client.GetGrain<IContactGrain>("email:" + contact.Email).GetSnapshotAsync()).Version;
        }

        return versions;
    }

    private async Task ConvergeAsync(string phase)
    {
        var watch = Stopwatch.StartNew();
        List<string> mismatches;
        while ((mismatches = await MismatchesAsync()).Count > 0)
        {
            Assert.True(watch.Elapsed < Patience, $"{phase}: the grid did not converge in {Patience}; {mismatches.Count} mismatches, first: {string.Join("; ", mismatches.Take(5))}");
            await Task.Delay(250);
        }
    }

    /// <summary>Every company and contact grain against what the store A rows say now.</summary>
    private async Task<List<string>> MismatchesAsync()
    {
        var mismatches = new List<string>();
        var live = _companies.Values.Where(c => !c.Deleted && c.Tin is not null).ToDictionary(c => c.Tin!);
        foreach (var tin in _tins)
        {
            var state = await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
            if (live.TryGetValue(tin, out var row))
            {
                var expected = CompanyName.Parse(row.Name).Value.Display;
                if (state.Merged?.Name?.Value.Display != expected || !state.Merged.Sources.Any(s => s.Key == new SourceKey(SourceStore.StoreA, $"companies/{row.Id}")))
                {
                    mismatches.Add($"company {tin} (companies/{row.Id}): expected {expected}, got {state.Merged?.Name?.Value.Display ?? "nothing"}");
                }
            }
            else if (state.Merged is not null)
            {
                mismatches.Add($"company {tin}: expected withdrawn, got {state.Merged.Name?.Value.Display}");
            }
        }

        foreach (var contact in _contacts.Values)
        {
            var company = contact.CompanyId is { } id && _companies.TryGetValue(id, out var c) && !c.Deleted ? c.Tin : null;
            var expected = contact.Deleted ? null : company;
            var merged = (await _cluster.Client.GetGrain<IContactGrain>("email:" + contact.Email).GetSnapshotAsync()).Merged;
            var actual = merged is null ? null : string.Join(",", merged.Companies.Select(t => t.Value));
            if (actual != expected)
            {
                mismatches.Add($"contact {contact.Id}: expected under {expected ?? "no company"}, got {actual ?? "none"}");
            }
        }

        var orphan = await _grid.QueryAsync("SELECT COUNT(*) AS n FROM syncgrid_reject WHERE source_store = 'store-a' AND reason_code = @code AND source_id = 'contacts/40'", ("code", "contact.no-company"));
        if (Convert.ToInt64(orphan[0]["n"], CultureInfo.InvariantCulture) == 0)
        {
            mismatches.Add("contacts/40 (company 9040 does not exist) is not in the rejects store");
        }

        return mismatches;
    }

    private async Task PutAsync(CompanyRow row)
    {
        _companies[row.Id] = row;
        if (row.Tin is not null)
        {
            _tins.Add(row.Tin);
        }

        var bytes = row.Utf8 ? (Func<string, byte[]>)Utf8 : Cp1251;
        var inn = row.Tin is null ? "нет" : row.Id % 3 == 0 ? $"ИНН {row.Tin}" : $" {row.Tin} ";
        await _store.UpsertCompanyAsync(row.Id, row.UpdatedAt, bytes(row.Name), bytes(inn), row.Deleted, phone: bytes("8 (495) 500-55-50"));
    }

    private async Task PutAsync(ContactRow row)
    {
        _contacts[row.Id] = row;
        await _store.UpsertContactAsync(row.Id, row.CompanyId, row.UpdatedAt, row.Id % 2 == 0 ? Cp1251(row.FullName) : Utf8(row.FullName), row.Email, row.Deleted);
    }

    private string NewTin() => Tin.FromBody((_nextBody++).ToString(CultureInfo.InvariantCulture)).Value;

    private static Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what, Patience);

    private sealed record CompanyRow(long Id, string Name, string? Tin, DateTime UpdatedAt, bool Utf8, bool Deleted = false);

    private sealed record ContactRow(long Id, long? CompanyId, string Email, string FullName, DateTime UpdatedAt, bool Deleted = false);
}
