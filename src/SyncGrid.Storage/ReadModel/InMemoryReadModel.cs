using System.Collections.Concurrent;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;

namespace SyncGrid.Storage.ReadModel;

/// <summary>
/// The read model of the embedded default (no database): process memory, same versioning rule as the MariaDB one
/// (a row never replaces a newer version). Lost when the process ends, like the in-memory grain state it mirrors.
/// </summary>
public sealed class InMemoryReadModel : IReadModelWriter, IReadModelQueries
{
    private readonly ConcurrentDictionary<string, CompanyReadModelRow> _companies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tin, string Key), bool> _bindings = new();

    /// <inheritdoc />
    public Task UpsertCompanyAsync(CompanyReadModelRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        _companies.AddOrUpdate(row.Tin, row, (_, existing) => existing.Version > row.Version ? existing : row);
        foreach (var key in row.ContactsBound)
        {
            _bindings[(row.Tin, key)] = true;
        }

        foreach (var key in row.ContactsUnbound)
        {
            _bindings.TryRemove((row.Tin, key), out _);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<CompanySyncStatus, long>>(
            _companies.Values.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => (long)g.Count()));

    /// <inheritdoc />
    public Task<IReadOnlyList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CompanyReadModelRow>>(
            _companies.Values
                .Where(c => status is null || c.Status == status)
                .Where(c => afterTin is null || string.CompareOrdinal(c.Tin, afterTin) > 0)
                .OrderBy(c => c.Tin, StringComparer.Ordinal)
                .Take(limit)
                .ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(
            _bindings.Keys.Where(b => b.Tin == tin).Select(b => b.Key).Order(StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public Task<long> CountContactsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult((long)_bindings.Keys.Select(b => b.Key).Distinct(StringComparer.Ordinal).Count());
}
