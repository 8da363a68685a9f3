using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Register;
using SyncGrid.Storage.ReadModel;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests;

/// <summary>
/// A company waiting for the register (behind thousands of others, or on a slow answer) must not keep its ingest
/// waiting, and a silo lets only so many lookups wait on the register at once.
/// </summary>
public sealed class WorkAdmissionTests : IAsyncLifetime
{
    private const int LookupsInFlight = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HeldRegister _register = new();
    private InProcessTestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.UseInMemoryReminderService();
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton<IReadModelWriter>(new InMemoryReadModel());
            silo.Services.AddSingleton<IRegisterClient>(_register);
            silo.Services.Configure<CompanySyncOptions>(o => o.RegisterLookupsInFlight = LookupsInFlight);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        _register.ReleaseAll();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Submit_WhileTheCompanyWaitsForALookupTurn_IsAppliedWithoutWaitingForIt()
    {
        // Two companies hold the silo's two lookup turns: their answers are slow.
        var ahead = Enumerable.Range(0, LookupsInFlight).Select(_ => NewTin()).ToList();
        await Task.WhenAll(ahead.Select(tin => Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Company(tin, A(tin, 0))]))));
        await Task.WhenAll(ahead.Select(tin => _register.StartedAsync(tin).WaitAsync(Patience)));

        var tin = NewTin();
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("1", 0))]));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(_register.HasStarted(tin));

        // Before, the wait for the register ran inside the grain's turn and this call waited as long.
        var second = await company.SubmitAsync(Submission([Company(tin, B("2", 1), name: "ООО \"Ромашка-2\"")])).WaitAsync(Patience);

        Assert.Equal(1, second.RecordsApplied);
        Assert.Equal(CompanySyncStatus.ValidationPending, (await company.GetSyncStateAsync().WaitAsync(Patience)).Status);
        _register.ReleaseAll();
        await UntilAsync(async () => (await company.GetSyncStateAsync()).Status == CompanySyncStatus.Rejected, $"company {tin} answered");
        Assert.Equal(1, _register.Lookups(tin));
    }

    [Fact]
    public async Task Submit_MoreCompaniesThanLookupTurns_AtMostThatManyWaitOnTheRegisterAndAllAreAnswered()
    {
        var tins = Enumerable.Range(0, 6).Select(_ => NewTin()).ToList();
        await Task.WhenAll(tins.Select(tin => Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Company(tin, A(tin, 0))]))));
        await UntilAsync(() => Task.FromResult(tins.Count(_register.HasStarted) == LookupsInFlight), $"{LookupsInFlight} lookups started");

        // The others wait for a turn, not in the register, and their grains still answer.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(LookupsInFlight, tins.Count(_register.HasStarted));
        var waiting = tins.Where(tin => !_register.HasStarted(tin)).ToList();
        Assert.All(await Task.WhenAll(waiting.Select(tin => Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync().WaitAsync(Patience))), s => Assert.Equal(CompanySyncStatus.ValidationPending, s.Status));

        _register.ReleaseAll();
        await UntilAsync(async () => (await Task.WhenAll(tins.Select(tin => Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()))).All(s => s.Status == CompanySyncStatus.Rejected), "every company answered");
        Assert.All(tins, tin => Assert.Equal(1, _register.Lookups(tin)));
        Assert.True(_register.MostAtOnce <= LookupsInFlight, $"{_register.MostAtOnce} lookups waited on the register at once; the silo allows {LookupsInFlight}");
    }

    private static Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, () => what, Patience);

    /// <summary>A register whose answers (not found) wait until the test releases them; counts lookups and their overlap.</summary>
    private sealed class HeldRegister : IRegisterClient
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _answers = new();
        private readonly ConcurrentDictionary<string, int> _lookups = new();
        private readonly Lock _gate = new();
        private int _atOnce;
        private bool _releasedAll;

        public int MostAtOnce { get; private set; }

        public int Lookups(string tin) => _lookups.GetValueOrDefault(tin);

        public bool HasStarted(string tin) => _started.TryGetValue(tin, out var started) && started.Task.IsCompleted;

        public Task StartedAsync(string tin) => Started(tin).Task;

        public void Release(string tin) => Answer(tin).TrySetResult();

        public void ReleaseAll()
        {
            lock (_gate)
            {
                _releasedAll = true;
            }

            foreach (var answer in _answers.Values)
            {
                answer.TrySetResult();
            }
        }

        public async Task<RegisterLookup> FindPartyAsync(Tin tin, Kpp? kpp, CancellationToken cancellationToken)
        {
            _lookups.AddOrUpdate(tin.Value, 1, (_, n) => n + 1);
            var answer = Answer(tin.Value);
            lock (_gate)
            {
                MostAtOnce = Math.Max(MostAtOnce, ++_atOnce);
                if (_releasedAll)
                {
                    answer.TrySetResult();
                }
            }

            Started(tin.Value).TrySetResult();
            try
            {
                await answer.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    _atOnce--;
                }
            }

            return new RegisterLookup.NotFound(TimeProvider.System.GetUtcNow());
        }

        private TaskCompletionSource Started(string tin) => _started.GetOrAdd(tin, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private TaskCompletionSource Answer(string tin) => _answers.GetOrAdd(tin, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
