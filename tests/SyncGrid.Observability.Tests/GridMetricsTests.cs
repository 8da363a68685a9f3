using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Register;
using SyncGrid.Grains;
using SyncGrid.Grains.Ingest;
using SyncGrid.Storage.ReadModel;
using SyncGrid.Storage.Rejects;
using SyncGrid.Testing;

namespace SyncGrid.Observability.Tests;

/// <summary>The company and ingest grains' instruments: merges, the register verdict cache, records in and rejects of store A.</summary>
public sealed class GridMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly ScriptedRegister _register = new();
    private InProcessTestCluster? _cluster;
    private MetricsRecorder? _metrics;

    private IGrainFactory Grains => _cluster!.Client;

    private MetricsRecorder Metrics => _metrics!;

    public async Task InitializeAsync()
    {
        var readModel = new InMemoryReadModel();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.UseInMemoryReminderService();
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton<IReadModelWriter>(readModel);
            silo.Services.AddSingleton<IRejectStore>(new InMemoryRejectStore(TimeProvider.System));
            silo.Services.AddSingleton<IRegisterClient>(_register);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _metrics = new MetricsRecorder(_cluster.Silos[0].ServiceProvider.GetRequiredService<IMeterFactory>());
    }

    public void Dispose() => _metrics?.Dispose();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task SubmitAsync_VerdictLookedUpOnceThenReused_MissThenHit()
    {
        var tin = Sample.NewTin();
        _register.Active.Add(tin);
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var (miss, hit) = (Verdicts("miss"), Verdicts("hit"));

        await company.SubmitAsync(Sample.Company(tin, 0));
        await WaitForAsync(company, CompanySyncStatus.SyncPending);
        await company.SubmitAsync(Sample.Company(tin, 5, phone: "8 (495) 500-55-51"));
        await company.SubmitAsync(Sample.Company(tin, 5, phone: "8 (495) 500-55-51"));

        Assert.Equal((1, 1), (Verdicts("miss") - miss, Verdicts("hit") - hit));
        Assert.Equal(1, _register.Lookups(tin));
    }

    [Fact]
    public async Task SubmitAsync_RegisterSaysNotFound_NegativeHitNext()
    {
        var tin = Sample.NewTin();
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var negative = Verdicts("negative-hit");

        await company.SubmitAsync(Sample.Company(tin, 0));
        await WaitForAsync(company, CompanySyncStatus.Rejected);
        await company.SubmitAsync(Sample.Company(tin, 5, phone: "8 (495) 500-55-52"));

        Assert.Equal(1, Verdicts("negative-hit") - negative);
        Assert.Equal(1, _register.Lookups(tin));
    }

    [Fact]
    public async Task SubmitAsync_RepeatedRecord_MergeCountsAppliedThenUnchanged()
    {
        var tin = Sample.NewTin();
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var (applied, unchanged) = (Merges("applied"), Merges("unchanged"));

        await company.SubmitAsync(Sample.Company(tin, 0));
        await company.SubmitAsync(Sample.Company(tin, 0));
        await company.SubmitAsync(Sample.Company(tin, 0));

        Assert.Equal((1, 2), (Merges("applied") - applied, Merges("unchanged") - unchanged));
    }

    [Fact]
    public async Task StoreARowIngest_MalformedEnvelope_RejectCountedWithReasonAndRecordAsMalformed()
    {
        var malformed = Metrics.Sum(IngestMetrics.RecordsInstrument, ("source", IngestMetrics.StoreA), ("outcome", "malformed"));
        var rejects = Metrics.Matching(IngestMetrics.RejectsInstrument, ("store", "store-a")).Count;

        await Grains.GetGrain<IStoreARowIngestGrain>("companies/" + Sample.NewTin()).IngestAsync(Encoding.UTF8.GetBytes("{not json"), "syncgrid.store-a/0@1");

        Assert.Equal(1, Metrics.Sum(IngestMetrics.RecordsInstrument, ("source", IngestMetrics.StoreA), ("outcome", "malformed")) - malformed);
        var reject = Assert.Single(Metrics.Matching(IngestMetrics.RejectsInstrument, ("store", "store-a")).Skip(rejects));
        Assert.StartsWith("envelope.", reject.Tags["reason"], StringComparison.Ordinal);
    }

    private double Verdicts(string result) => Metrics.Sum(GridMetrics.VerdictCacheInstrument, ("result", result));

    private double Merges(string outcome) => Metrics.Sum(GridMetrics.MergesInstrument, ("entity", "company"), ("outcome", outcome));

    private static async Task WaitForAsync(ICompanyGrain company, CompanySyncStatus status)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var state = await company.GetSyncStateAsync();
            if (state.Status == status)
            {
                return;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"Company {state.Tin} is {state.Status} ({state.StatusReason}), not {status}, after 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>A register double: ACTIVE for the TINs listed, not found for the others; counts lookups per TIN.</summary>
    private sealed class ScriptedRegister : IRegisterClient
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _lookups = new();

        public System.Collections.Concurrent.ConcurrentBag<string> Active { get; } = [];

        public int Lookups(string tin) => _lookups.GetValueOrDefault(tin);

        public Task<RegisterLookup> FindPartyAsync(Tin tin, Kpp? kpp, CancellationToken cancellationToken)
        {
            _lookups.AddOrUpdate(tin.Value, 1, (_, n) => n + 1);
            RegisterLookup answer = Active.Contains(tin.Value)
                ? new RegisterLookup.Found(new RegisterVerdict(tin, kpp?.Value, null, RegisterPartyStatus.Active, "ООО \"РОМАШКА\"", "ООО \"РОМАШКА\"", "ООО", null, RegisterPartyType.Legal, TimeProvider.System.GetUtcNow()))
                : new RegisterLookup.NotFound(TimeProvider.System.GetUtcNow());
            return Task.FromResult(answer);
        }
    }
}
