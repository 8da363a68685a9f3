namespace SyncGrid.Abstractions.ReadModel;

/// <summary>
/// The port through which grains keep the read model current. Implementations batch rows from many grains into few
/// database round trips; a call completes when its row is durable.
/// </summary>
public interface IReadModelWriter
{
    /// <summary>Upserts a company row unless a newer version is stored, and applies its binding changes.</summary>
    Task UpsertCompanyAsync(CompanyReadModelRow row, CancellationToken cancellationToken = default);
}
