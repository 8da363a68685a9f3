using System.Text;
using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Api.Tests;

/// <summary>
/// Store A's companies table in memory, read with the replica reader's contract (keyset order <c>(updated_at, id)</c>,
/// strictly after the cursor); no contacts. Enough for the coordinator to extract and move its watermark.
/// </summary>
public sealed class StoreAReplica : IStoreAReader
{
    public static readonly DateTime T0 = new(2026, 10, 1, 9, 0, 0);

    private readonly Lock _lock = new();
    private readonly List<StoreACompanyRow> _companies = [];

    public int MaxPageSize => 100_000;

    public void PutCompany(long id, string inn, int minutes)
    {
        lock (_lock)
        {
            _companies.Add(new StoreACompanyRow
            {
                Id = id,
                UpdatedAt = T0.AddMinutes(minutes),
                Name = Encoding.ASCII.GetBytes($"OOO Company {id}"),
                Inn = Encoding.ASCII.GetBytes(inn),
            });
        }
    }

    public Task<IReadOnlyList<StoreARow>> ReadPageAsync(StoreATable table, StoreAPosition after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IEnumerable<StoreARow> rows = table == StoreATable.Companies ? _companies : [];
            return Task.FromResult<IReadOnlyList<StoreARow>>([.. rows.Where(r => r.Position > after).OrderBy(r => r.Position).Take(limit)]);
        }
    }

    public Task<IReadOnlyList<StoreAContactRow>> ReadContactsOfCompaniesAsync(IReadOnlyCollection<long> companyIds, long afterId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoreAContactRow>>([]);
}

/// <summary>Store A's records to Kafka through the record producer, as a silo publishes them.</summary>
public sealed class KafkaStoreAPublisher(KafkaRecordProducer producer) : IStoreARecordPublisher
{
    public async Task PublishAsync(string topic, IReadOnlyList<StoreARecord> records, CancellationToken cancellationToken = default) =>
        await producer.PublishAsync(topic, [.. records.Select(r => new KafkaRecord(r.Key, r.Value))], cancellationToken);
}
