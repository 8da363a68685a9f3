using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Sources.StoreA;
using SyncGrid.Storage.ReadModel;
using SyncGrid.Storage.Rejects;
using static SyncGrid.Grains.Tests.Ingest.StoreARows;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>The coordinator over an in-memory replica and a recording publisher: schedule, watermarks, overlap, contacts of changed companies.</summary>
public sealed class StoreACoordinatorGrainTests(StoreACoordinatorGrainTests.Cluster cluster) : IClassFixture<StoreACoordinatorGrainTests.Cluster>, IDisposable
{
    private readonly FakeStoreAReplica _replica = cluster.Replica;
    private readonly RecordingPublisher _publisher = cluster.Publisher;
    private readonly IStoreACoordinatorGrain _coordinator = cluster.Test.Client.GetGrain<IStoreACoordinatorGrain>("store-a-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _replica.Reset();
        _publisher.Reset();
    }

    [Fact]
    public async Task PollNowAsync_FullExtract_PublishesEveryRowInKeysetOrderThenContacts_WatermarkAtTheLastRow()
    {
        var companies = Enumerable.Range(1, 7).Select(i => Company(i, Sample.NewTin(), 10 - (i / 2))).ToList();
        companies.ForEach(_replica.Put);
        var contacts = Enumerable.Range(1, 4).Select(i => Contact(i, i, i, null, $"c{i}@example.ru")).ToList();
        contacts.ForEach(_replica.Put);

        var status = await _coordinator.PollNowAsync();

        var expectedCompanies = companies.OrderBy(c => c.Position).Select(c => c.Key);
        Assert.Equal([.. expectedCompanies, "contacts/1", "contacts/2", "contacts/3", "contacts/4"], _publisher.Published.Select(r => r.Key));
        Assert.Equal(StoreAOptions.DefaultTopic, _publisher.Topic);
        var companiesStatus = status.Tables[0];
        Assert.Equal("companies", companiesStatus.Table);
        Assert.True(companiesStatus.FullExtractDone);
        Assert.Equal(At(10), companiesStatus.WatermarkUpdatedAt);
        Assert.Equal(1, companiesStatus.WatermarkId);
        Assert.Equal(7, companiesStatus.RowsPublished);
        Assert.Null(companiesStatus.LastError);
        Assert.NotNull(companiesStatus.LastPollAt);
        Assert.True(status.Tables[1].FullExtractDone);
        Assert.Equal(4, status.Tables[1].RowsPublished);

        var envelope = StoreAEnvelope.Parse(_publisher.Published[^1].Value);
        Assert.True(envelope.Success, envelope.Message);
        var contact = Assert.IsType<StoreAContactRow>(envelope.Envelope.Row);
        Assert.Equal(companies[3].Inn, contact.Company!.Inn);
    }

    [Fact]
    public async Task PollNowAsync_PublishNotAcknowledged_WatermarkStays_NextPollPublishesTheRows()
    {
        Enumerable.Range(1, 5).Select(i => Company(i, Sample.NewTin(), i)).ToList().ForEach(_replica.Put);
        _publisher.Before = _ => throw new InvalidOperationException("3 of 3 records to topic 'syncgrid.store-a' were not acknowledged");

        var failed = await _coordinator.PollNowAsync();

        Assert.Contains("not acknowledged", failed.Tables[0].LastError, StringComparison.Ordinal);
        Assert.Null(failed.Tables[0].WatermarkUpdatedAt);
        Assert.False(failed.Tables[0].FullExtractDone);
        Assert.Empty(_publisher.Published);

        _publisher.Before = null;
        var recovered = await _coordinator.PollNowAsync();

        Assert.Null(recovered.Tables[0].LastError);
        Assert.Equal(At(5), recovered.Tables[0].WatermarkUpdatedAt);
        Assert.Equal(["companies/1", "companies/2", "companies/3", "companies/4", "companies/5"], _publisher.Published.Select(r => r.Key));
    }

    [Fact]
    public async Task PollNowAsync_LateCommittedRows_InsideTheOverlapWindowPublished_OlderNot()
    {
        _replica.Put(Company(50, Sample.NewTin(), 60));
        await _coordinator.PollNowAsync();
        _publisher.Reset();

        // Committed after the poll, with updated_at behind the watermark: 5 s behind (inside the window), 20 s behind (outside).
        _replica.Put(Company(10, Sample.NewTin(), 60) with { UpdatedAt = At(60).AddSeconds(-5) });
        _replica.Put(Company(11, Sample.NewTin(), 60) with { UpdatedAt = At(60).AddSeconds(-20) });
        var status = await _coordinator.PollNowAsync();

        Assert.Contains("companies/10", _publisher.Published.Select(r => r.Key));
        Assert.DoesNotContain("companies/11", _publisher.Published.Select(r => r.Key));
        Assert.Equal(At(60), status.Tables[0].WatermarkUpdatedAt);
        Assert.Equal(50, status.Tables[0].WatermarkId);
    }

    [Fact]
    public async Task PollNowAsync_ChangedCompany_RepublishesItsContactsOncePerVersion()
    {
        var company = Company(1, Sample.NewTin(), 0);
        _replica.Put(company);
        _replica.Put(Company(2, Sample.NewTin(), 2));
        _replica.Put(Contact(7, 1, 0, null, "follow@example.ru"));
        _replica.Put(Contact(8, 2, 1, null, "stay@example.ru"));
        await _coordinator.PollNowAsync();
        await _coordinator.PollNowAsync();
        _publisher.Reset();

        var newTin = Sample.NewTin();
        _replica.Put(company with { Inn = Cp1251(newTin), UpdatedAt = At(5) });
        await _coordinator.PollNowAsync();
        var changed = _publisher.Published;
        _publisher.Reset();
        await _coordinator.PollNowAsync();
        var again = _publisher.Published;

        // Every poll re-reads each table's overlap window (companies/2 and contacts/8 here, then companies/1 and
        // contacts/8); the changed company brings its contact, read with the company's new row.
        Assert.Equal(["companies/2", "companies/1", "contacts/7", "contacts/8"], changed.Select(r => r.Key));
        var republished = Assert.IsType<StoreAContactRow>(StoreAEnvelope.Parse(changed[2].Value).Envelope!.Row);
        Assert.Equal(Cp1251(newTin), republished.Company!.Inn);
        Assert.Equal(At(5), republished.ChangedAt);

        // The overlap re-reads the company at the same version: its contacts are not republished again.
        Assert.Equal(["companies/1", "contacts/8"], again.Select(r => r.Key));
    }

    [Fact]
    public async Task GetStatusAsync_WhileAPollWaitsForKafka_Answers()
    {
        _replica.Put(Company(1, Sample.NewTin(), 0));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _publisher.Before = async _ =>
        {
            waiting.TrySetResult();
            await release.Task;
        };

        var poll = _coordinator.PollNowAsync();
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var during = await _coordinator.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5));
        release.SetResult();
        var after = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(during.Tables[0].WatermarkUpdatedAt);
        Assert.Equal(At(0), after.Tables[0].WatermarkUpdatedAt);
    }

    [Fact]
    public async Task StartAsync_PollsOnItsOwn_AndTheWatermarkSurvivesStopAndReactivation()
    {
        Enumerable.Range(1, 8).Select(i => Company(i, Sample.NewTin(), i)).ToList().ForEach(_replica.Put);
        _replica.Put(Contact(1, 1, 0, null, "one@example.ru"));

        await _coordinator.StartAsync();
        var watch = Stopwatch.StartNew();
        StoreAStatus status;
        while (!(status = await _coordinator.GetStatusAsync()).Tables.All(t => t.FullExtractDone))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the first timer poll did not finish the full extract within 30 s");
            await Task.Delay(20);
        }

        Assert.True(status.Running);
        await _coordinator.StopAsync();
        _publisher.Reset();

        var reactivated = await _coordinator.GetStatusAsync();
        var next = await _coordinator.PollNowAsync();

        Assert.False(reactivated.Running);
        Assert.Equal(status.Tables.Select(t => (t.WatermarkUpdatedAt, t.WatermarkId, t.FullExtractDone)), reactivated.Tables.Select(t => (t.WatermarkUpdatedAt, t.WatermarkId, t.FullExtractDone)));
        Assert.Null(reactivated.Tables[0].LastPollAt);

        // A delta from the persisted watermark: only the overlap window (updated_at within 10 s of the last row) again.
        Assert.Equal(["companies/8", "contacts/1"], _publisher.Published.Select(r => r.Key));
        Assert.Equal(status.Tables[0].WatermarkId, next.Tables[0].WatermarkId);
    }

    /// <summary>One silo: memory storage and reminders, the in-memory replica and the recording publisher.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private InProcessTestCluster? _cluster;

        public FakeStoreAReplica Replica { get; } = new();

        public RecordingPublisher Publisher { get; } = new();

        public InProcessTestCluster Test => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

        public async Task InitializeAsync()
        {
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
                silo.UseInMemoryReminderService();
                silo.AddSyncGridGrains();
                silo.Services.AddSingleton<IReadModelWriter>(new InMemoryReadModel());
                silo.Services.AddSingleton<IRejectStore>(new InMemoryRejectStore(TimeProvider.System));
                silo.Services.AddSingleton<IStoreAReader>(Replica);
                silo.Services.AddSingleton<IStoreARecordPublisher>(Publisher);
                silo.Services.AddOptions<StoreAOptions>().Configure(o =>
                {
                    o.ConnectionString = "Server=in-memory";
                    o.PageSize = 3;
                    o.PollInterval = TimeSpan.FromHours(1);
                });
            });
            _cluster = builder.Build();
            await _cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
