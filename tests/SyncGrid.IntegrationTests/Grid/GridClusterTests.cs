using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Cli.Hosting;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Domain;
using SyncGrid.IntegrationTests.Sql;

namespace SyncGrid.IntegrationTests.Grid;

/// <summary>
/// Two silos on real MariaDB clustering, grain storage and read model, configured exactly as <c>syncgrid silo</c>
/// configures them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GridClusterTests(GridClusterTests.Cluster cluster) : IClassFixture<GridClusterTests.Cluster>
{
    private static readonly int[] Weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static int _next = 200_000;

    [Fact]
    public async Task SubmitAsync_ManyConcurrentCallersThroughTwoSilos_ConvergeOnOneState()
    {
        var tin = NewTin();
        var versions = Enumerable.Range(0, 60)
            .Select(i => Company(tin, new SourceRef(i % 2 == 0 ? SourceStore.StoreA : SourceStore.StoreB, $"s{i % 5}", T(i)), $"ООО Версия {i}"))
            .ToList();
        var silos = cluster.Test.Silos.Count;

        await Task.WhenAll(versions.OrderBy(_ => Random.Shared.Next()).Select(v => cluster.Test.Client.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([v], []))));

        var state = await cluster.Test.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
        Assert.True(silos >= 2, $"expected two silos, found {silos}");
        Assert.Equal("ООО Версия 59", state.Merged!.Name!.Value.Display);
        Assert.Equal(10, state.Merged.Sources.Count); // (store, id) pairs: i % 2 and i % 5
    }

    [Fact]
    public async Task SiloKilled_CompanyComesBackElsewhereWithItsState_AndARepeatWritesNothing()
    {
        var tin = NewTin();
        var submission = Submission(
            [Company(tin, new SourceRef(SourceStore.StoreA, "k1", T(0)), "ООО Живучая")],
            [Contact(tin, new SourceRef(SourceStore.StoreA, "kc1", T(0)), $"survivor.{tin}@example.ru")]);
        var company = cluster.Test.Client.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(submission);

        var host = await cluster.HostOfAsync(tin);
        Assert.NotNull(host);
        await cluster.Test.KillSiloAsync(host);

        var state = await company.GetSyncStateAsync();
        var repeat = await company.SubmitAsync(submission);

        Assert.Equal("ООО Живучая", state.Merged!.Name!.Value.Display);
        Assert.Equal([$"email:survivor.{tin}@example.ru"], state.Contacts.Select(c => c.Value));
        Assert.Equal(0, repeat.StateWrites);
        Assert.Equal(2, repeat.RecordsUnchanged);
        Assert.NotEqual(host.SiloAddress, (await cluster.HostOfAsync(tin))?.SiloAddress);

        // Leave the fixture with two silos for the other tests.
        await cluster.Test.StartAdditionalSiloAsync();
    }

    private static DateTimeOffset T(int minutes) => new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    private static string NewTin()
    {
        var body = (300_000_000 + Interlocked.Increment(ref _next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + (sum % 11 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static CompanyRecord Company(string tin, SourceRef source, string name) =>
        RecordNormalizer.Normalize(new RawCompany { Source = source, Inn = tin, Name = name }).Record!;

    private static ContactRecord Contact(string tin, SourceRef source, string email) =>
        RecordNormalizer.Normalize(new RawContact { Source = source, CompanyInn = tin, FullName = "Иванов Иван", Emails = [email] }).Record!;

    private static CompanySubmission Submission(IEnumerable<CompanyRecord> companies, IEnumerable<ContactRecord> contacts) => new()
    {
        Companies = new ValueList<CompanyRecord>(companies),
        Contacts = new ValueList<ContactRecord>(contacts),
    };

    /// <summary>The cluster: a migrated database and two silos configured by <see cref="SiloConfiguration"/>.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private readonly MigratedDatabase _database = new();

        public TestCluster Test { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            var builder = new TestClusterBuilder(2);
            builder.Options.UseTestClusterMembership = false;
            builder.Properties["ConnectionStrings:MariaDb"] = _database.ConnectionString;
            builder.AddSiloBuilderConfigurator<SyncGridSiloConfigurator>();
            builder.AddClientBuilderConfigurator<SyncGridClientConfigurator>();
            Test = builder.Build();
            await Test.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            await Test.StopAllSilosAsync();
            await Test.DisposeAsync();
            await _database.DisposeAsync();
        }

        /// <summary>The silo where the company grain is active, or null when it is not active anywhere.</summary>
        public async Task<SiloHandle?> HostOfAsync(string tin)
        {
            var grainId = Test.Client.GetGrain<ICompanyGrain>(tin).GetGrainId();
            var statistics = await Test.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var address = statistics.FirstOrDefault(s => s.GrainId == grainId)?.SiloAddress;
            return Test.GetActiveSilos().FirstOrDefault(s => s.SiloAddress.Equals(address));
        }
    }
}
