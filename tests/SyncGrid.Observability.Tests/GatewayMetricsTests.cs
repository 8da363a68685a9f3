using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Grains;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Testing;

namespace SyncGrid.Observability.Tests;

/// <summary>The Bitrix24 gateway's instruments: commands by method and outcome, limit errors by kind, request durations, the queue gauge.</summary>
public sealed class GatewayMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly ScriptedPortal _portal = new();
    private InProcessTestCluster? _cluster;
    private MetricsRecorder? _metrics;

    private IGrainFactory Grains => _cluster!.Client;

    private MetricsRecorder Metrics => _metrics!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton<IBitrix24Client>(_portal);
            silo.Services.Configure<Bitrix24GatewayOptions>(o => o.Linger = TimeSpan.FromMilliseconds(20));
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
    public async Task ExecuteAsync_BatchRefusedThenRun_LimitErrorQueueDepthAndCommandsByMethod()
    {
        _portal.RefuseNext = 1;
        var group = new ValueList<Bitrix24Command>([new Bitrix24Command("crm.company.add", "fields[TITLE]=A"), new Bitrix24Command("crm.requisite.add", "fields[RQ_INN]=1")]);

        var run = Grains.GetGrain<IBitrix24GatewayGrain>("queue").ExecuteAsync(group);

        // The refused batch goes back to the queue while the gateway backs off (about a second): the gauge shows it.
        var watch = Stopwatch.StartNew();
        var seen = 0.0;
        while (seen < 2 && watch.Elapsed < TimeSpan.FromSeconds(10) && !run.IsCompleted)
        {
            seen = Math.Max(seen, Metrics.Observe(Bitrix24GatewayMetrics.QueueDepthInstrument, ("portal", "queue")).Sum(r => r.Value));
            await Task.Delay(10);
        }

        var results = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(results, r => Assert.Equal(Bitrix24Outcome.Ok, r.Outcome));
        Assert.Equal(2, seen);
        Assert.Equal(0, Metrics.Observe(Bitrix24GatewayMetrics.QueueDepthInstrument, ("portal", "queue")).Sum(r => r.Value));
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.LimitErrorsInstrument, ("kind", "query-limit"), ("method", "batch")));
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.RequestsInstrument, ("result", "RateLimited")));
        Assert.True(Metrics.Sum(Bitrix24GatewayMetrics.RequestsInstrument, ("result", "Ok")) >= 1);
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.CommandsInstrument, ("method", "crm.company.add"), ("outcome", "Ok")));
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.CommandsInstrument, ("method", "crm.requisite.add"), ("outcome", "Ok")));
        Assert.True(Metrics.Matching(Bitrix24GatewayMetrics.RequestDurationInstrument).Count >= 2);
    }

    [Fact]
    public async Task ExecuteAsync_MethodOperatingLimited_LimitErrorOfThatMethod()
    {
        _portal.OperatingLimited = "crm.deal.list";

        var results = await Grains.GetGrain<IBitrix24GatewayGrain>("operating").ExecuteAsync([new Bitrix24Command("crm.deal.list", "start=0")]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Bitrix24Outcome.OperatingLimited, Assert.Single(results).Outcome);
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.LimitErrorsInstrument, ("kind", "operating"), ("method", "crm.deal.list")));
        Assert.Equal(1, Metrics.Sum(Bitrix24GatewayMetrics.CommandsInstrument, ("method", "crm.deal.list"), ("outcome", "OperatingLimited")));
    }

    /// <summary>A portal double: answers every command, refuses the next batches with QUERY_LIMIT_EXCEEDED, or one method with OPERATION_TIME_LIMIT.</summary>
    private sealed class ScriptedPortal : IBitrix24Client
    {
        public int RefuseNext;

        public string? OperatingLimited { get; set; }

        public Task<Bitrix24Result> CallAsync(Bitrix24Command command, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The gateway only sends batches.");

        public Task<Bitrix24BatchResult> BatchAsync(IReadOnlyList<Bitrix24BatchEntry> entries, bool halt, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref RefuseNext) >= 0)
            {
                return Task.FromResult(new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.RateLimited, ErrorCode = "QUERY_LIMIT_EXCEEDED" }, new Dictionary<string, Bitrix24Result>()));
            }

            var results = entries.ToDictionary(
                e => e.Key,
                e => OperatingLimited is { } method && e.Entry.StartsWith(method, StringComparison.Ordinal)
                    ? new Bitrix24Result { Outcome = Bitrix24Outcome.OperatingLimited, ErrorCode = "OPERATION_TIME_LIMIT" }
                    : new Bitrix24Result { Outcome = Bitrix24Outcome.Ok, ResultJson = "1" });
            return Task.FromResult(new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.Ok, ResultJson = "{}" }, results));
        }
    }
}
