using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain;

namespace SyncGrid.Api.Cluster;

/// <summary>The silo's rejects store through <see cref="IGridQueryGrain"/>, for an API host that cannot reach it directly.</summary>
public sealed class ClusterRejectStore(IGrainFactory grains) : IRejectStore
{
    private IGridQueryGrain Grain => grains.GetGrain<IGridQueryGrain>(0);

    /// <inheritdoc />
    public Task RecordAsync(IReadOnlyList<RejectEntry> entries, CancellationToken cancellationToken = default) =>
        Grain.RecordRejectsAsync(new ValueList<RejectEntry>(entries), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RejectRow>> QueryAsync(RejectQuery query, CancellationToken cancellationToken = default) =>
        await Grain.QueryRejectsAsync(query, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default) =>
        await Grain.CountRejectsByReasonAsync(query, cancellationToken);
}
