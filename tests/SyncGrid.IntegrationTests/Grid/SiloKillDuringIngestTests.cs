using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Grains.Ingest;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;
using Xunit.Abstractions;

namespace SyncGrid.IntegrationTests.Grid;

/// <summary>
/// Durable ingest: three silos configured as <c>syncgrid silo</c> configures them (MariaDB clustering, reminders,
/// grain storage, read model and rejects; the store B topic on the mock Kafka cluster) read SAP partner events; one
/// silo is killed hard while they ingest. Every record ends up in grain state and the group's offsets reach the end
/// of every partition; publishing the same events again writes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SiloKillDuringIngestTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Partitions = 6;
    private const int Partners = 2_000;
    private const int FirstBatch = 1_500;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly MigratedDatabase _database = new();
    private readonly MockKafkaCluster _kafka = new(1);
    private TestCluster _cluster = null!;

    private string Group => "killtest-" + _run;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _kafka.CreateTopic(StoreBStreams.Namespace, Partitions);
        _kafka.CreateTopic(StoreBStreams.ExportsNamespace, 1);
        var builder = new TestClusterBuilder(3);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties["ConnectionStrings:MariaDb"] = _database.ConnectionString;
        builder.Properties["Kafka:BootstrapServers"] = _kafka.BootstrapServers;
        builder.Properties["Kafka:ConsumerGroupId"] = Group;
        builder.Properties["Kafka:PollPeriod"] = "00:00:00.050";
        builder.AddSiloBuilderConfigurator<SyncGridSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SyncGridClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task SiloKilledMidIngest_EveryRecordReflected_RerunChangesNothing()
    {
        var watch = Stopwatch.StartNew();
        var partners = NewPartners();
        var expected = partners.GroupBy(p => p.Tin).ToDictionary(g => g.Key, g => g.ToList());
        using var producer = NewProducer();

        // The first part, then a hard kill of a silo reading some of the partitions while the grid ingests it.
        await producer.PublishAsync(StoreBStreams.Namespace, [.. partners.Take(FirstBatch).Select(p => p.Record)]);
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM syncgrid_grain_state WHERE state_name = 'partner-ingest'") >= Partners / 3, "a third of the partners in grain state", TimeSpan.FromMilliseconds(20));
        var before = await CountAsync("SELECT COUNT(*) FROM syncgrid_grain_state WHERE state_name = 'partner-ingest'");
        var victim = _cluster.SecondarySilos[0];
        await _cluster.KillSiloAsync(victim);
        output.WriteLine($"{watch.Elapsed}: killed {victim.SiloAddress} with {before} of {Partners} partners in grain state");
        Assert.True(before < FirstBatch, $"the kill came after the first part was ingested ({before} partners): not in the middle of ingest");

        // The rest, while the surviving silos take over the dead silo's partitions.
        await producer.PublishAsync(StoreBStreams.Namespace, [.. partners.Skip(FirstBatch).Select(p => p.Record)]);
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM syncgrid_company") >= expected.Count && await AllCommittedAsync(Partners), "every company in the read model and every offset committed");
        output.WriteLine($"{watch.Elapsed}: converged after the kill");

        // None lost: every company grain holds every partner under its TIN and every contact of them; nothing rejected.
        var mismatches = await MismatchesAsync(expected);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} companies differ, first: {string.Join("; ", mismatches.Take(5))}");
        Assert.Equal(expected.Count, await CountAsync("SELECT COUNT(*) FROM syncgrid_company"));
        Assert.Equal(Partners, await CountAsync("SELECT COALESCE(SUM(sources), 0) FROM syncgrid_company"));
        Assert.Equal(Partners, await CountAsync("SELECT COUNT(*) FROM syncgrid_grain_state WHERE state_name = 'partner-ingest'"));
        Assert.Equal(partners.Sum(p => p.Contacts.Count), await CountAsync("SELECT COUNT(*) FROM syncgrid_company_contact"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM syncgrid_reject"));

        // A rerun of the same input: every record is delivered and committed again, and no state changes.
        var stateBefore = await StateAsync();
        var sample = expected.Keys.Where((_, i) => i % 25 == 0).ToList();
        var versionsBefore = await VersionsAsync(sample);
        await producer.PublishAsync(StoreBStreams.Namespace, [.. partners.Select(p => p.Record)]);
        await UntilAsync(() => AllCommittedAsync(2 * Partners), "every offset of the rerun committed");
        output.WriteLine($"{watch.Elapsed}: rerun committed");
        Assert.Equal(versionsBefore, await VersionsAsync(sample));
        var stateAfter = await StateAsync();
        Assert.Equal(stateBefore.Count, stateAfter.Count);
        Assert.Empty(stateAfter.Except(stateBefore));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM syncgrid_reject"));
    }

    /// <summary>Two thousand partners: every fourth shares the previous partner's TIN, every third has two contacts.</summary>
    private List<Partner> NewPartners()
    {
        var body = 100_000_000 + Random.Shared.Next(0, 800_000_000);
        var partners = new List<Partner>();
        var tin = "";
        for (var i = 0; i < Partners; i++)
        {
            if (i % 4 != 1)
            {
                tin = Tin.FromBody((body++).ToString(CultureInfo.InvariantCulture)).Value;
            }

            var id = $"BP{_run}-{i:D5}";
            List<string> contacts = i % 3 == 0 ? [$"a{i}.{_run}@example.ru", $"b{i}.{_run}@example.ru"] : [];
            partners.Add(new Partner(id, tin, contacts, new KafkaRecord(id, Event(id, tin, i, contacts))));
        }

        return partners;
    }

    private static byte[] Event(string partner, string tin, int index, List<string> contacts)
    {
        var json = new StringBuilder()
            .Append("{\"eventId\":\"").Append(partner).Append("\",\"eventType\":\"PartnerChanged\",\"occurredAt\":\"2026-10-01T09:00:00Z\",")
            .Append("\"partner\":{\"partnerId\":\"").Append(partner).Append("\",\"category\":\"ORGANIZATION\",")
            .Append("\"name\":\"ООО «Партнёр ").Append(index.ToString(CultureInfo.InvariantCulture)).Append("»\",")
            .Append("\"taxNumbers\":{\"inn\":\"").Append(tin).Append("\"},\"contacts\":[");
        for (var c = 0; c < contacts.Count; c++)
        {
            json.Append(c > 0 ? "," : "")
                .Append("{\"contactId\":\"c").Append(c.ToString(CultureInfo.InvariantCulture))
                .Append("\",\"lastName\":\"Иванов\",\"firstName\":\"Иван\",\"emails\":[\"").Append(contacts[c]).Append("\"]}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    private async Task<List<string>> MismatchesAsync(Dictionary<string, List<Partner>> expected)
    {
        var mismatches = new List<string>();
        foreach (var (tin, partners) in expected)
        {
            var state = await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
            var sources = state.Sources.Select(s => s.Key.ToString()).Order(StringComparer.Ordinal);
            var contacts = state.Contacts.Select(c => c.Value).Order(StringComparer.Ordinal);
            var wantedSources = partners.Select(p => "store-b:" + p.Id).Order(StringComparer.Ordinal);
            var wantedContacts = partners.SelectMany(p => p.Contacts).Select(e => "email:" + e).Order(StringComparer.Ordinal);
            if (state.Merged is null || !sources.SequenceEqual(wantedSources) || !contacts.SequenceEqual(wantedContacts))
            {
                mismatches.Add($"{tin}: sources [{string.Join(",", sources)}], contacts [{string.Join(",", contacts)}], merged {state.Merged is not null}");
            }
        }

        return mismatches;
    }

    private async Task<Dictionary<string, long>> VersionsAsync(List<string> tins)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tin in tins)
        {
            versions[tin] = (await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Version;
        }

        return versions;
    }

    /// <summary>Every grain state row (name, grain, version, write token) and every read model row (TIN, version, sources).</summary>
    private async Task<HashSet<string>> StateAsync()
    {
        var rows = await _database.QueryAsync("SELECT CONCAT(state_name, '|', grain_id, '|', version, '|', write_token) AS r FROM syncgrid_grain_state");
        rows.AddRange(await _database.QueryAsync("SELECT CONCAT('read-model|', tin, '|', version, '|', sources, '|', COALESCE(name, '')) AS r FROM syncgrid_company"));
        rows.AddRange(await _database.QueryAsync("SELECT CONCAT('contact-of|', tin, '|', contact_key) AS r FROM syncgrid_company_contact"));
        return [.. rows.Select(r => (string)r["r"]!)];
    }

    /// <summary>Whether the group's committed offsets reached the end of every partition and the partitions hold <paramref name="total"/> records.</summary>
    private Task<bool> AllCommittedAsync(long total) => Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = Group,
            EnableAutoCommit = false,
        }).Build();
        var all = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(StoreBStreams.Namespace, new Partition(p))).ToList();
        var committed = consumer.Committed(all, TimeSpan.FromSeconds(5)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        long ends = 0;
        var done = true;
        foreach (var partition in all)
        {
            var high = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
            ends += high;
            done &= committed.TryGetValue(partition.Partition.Value, out var offset) && offset == high;
        }

        consumer.Close();
        return done && ends == total;
    });

    private async Task<long> CountAsync(string sql) =>
        Convert.ToInt64((await _database.QueryAsync(sql))[0].Values.Single(), CultureInfo.InvariantCulture);

    private KafkaRecordProducer NewProducer() => new(
        Options.Create(new KafkaProducerOptions { BootstrapServers = _kafka.BootstrapServers }),
        new KafkaMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
        NullLogger<KafkaRecordProducer>.Instance);

    private static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? period = null) =>
        Eventually.UntilAsync(condition, what, Patience, period ?? TimeSpan.FromMilliseconds(200));

    private sealed record Partner(string Id, string Tin, List<string> Contacts, KafkaRecord Record);
}
