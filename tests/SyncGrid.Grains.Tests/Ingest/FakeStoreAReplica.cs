using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>
/// Store A's two tables in memory, read with the replica reader's contract: keyset order <c>(updated_at, id)</c>,
/// strictly after the cursor, contacts joined to their company row at read time.
/// </summary>
public sealed class FakeStoreAReplica : IStoreAReader
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, StoreACompanyRow> _companies = [];
    private readonly Dictionary<long, StoreAContactRow> _contacts = [];

    public int MaxPageSize => 100_000;

    public int Reads { get; private set; }

    public void Reset()
    {
        lock (_lock)
        {
            _companies.Clear();
            _contacts.Clear();
            Reads = 0;
        }
    }

    public void Put(StoreACompanyRow row)
    {
        lock (_lock)
        {
            _companies[row.Id] = row;
        }
    }

    /// <summary>Puts a contact row; its company is joined when it is read.</summary>
    public void Put(StoreAContactRow row)
    {
        lock (_lock)
        {
            _contacts[row.Id] = row with { Company = null };
        }
    }

    public Task<IReadOnlyList<StoreARow>> ReadPageAsync(StoreATable table, StoreAPosition after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Reads++;
            IEnumerable<StoreARow> rows = table == StoreATable.Companies ? _companies.Values : _contacts.Values.Select(Join);
            return Task.FromResult<IReadOnlyList<StoreARow>>([.. rows.Where(r => r.Position > after).OrderBy(r => r.Position).Take(limit)]);
        }
    }

    public Task<IReadOnlyList<StoreAContactRow>> ReadContactsOfCompaniesAsync(IReadOnlyCollection<long> companyIds, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<StoreAContactRow>>([.. _contacts.Values
                .Where(c => c.CompanyId is { } id && companyIds.Contains(id) && c.Id > afterId)
                .OrderBy(c => c.Id)
                .Take(limit)
                .Select(Join)]);
        }
    }

    private StoreAContactRow Join(StoreAContactRow contact) =>
        contact with { Company = contact.CompanyId is { } id && _companies.TryGetValue(id, out var company) ? StoreARows.Of(company) : null };
}
