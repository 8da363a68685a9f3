namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// The port to one Bitrix24 portal's REST API (an inbound webhook). Implementations never throw for what the portal
/// or the network does: every failure is an <see cref="Bitrix24Outcome"/>. They never retry a write by themselves.
/// </summary>
public interface IBitrix24Client
{
    /// <summary>Runs one command as its own request.</summary>
    Task<Bitrix24Result> CallAsync(Bitrix24Command command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs up to 50 commands as one <c>batch</c> request (one request against the rate limit). Commands run in order
    /// and are not transactional. Entries may reference earlier ones with <c>$result[key]</c>.
    /// </summary>
    Task<Bitrix24BatchResult> BatchAsync(IReadOnlyList<Bitrix24BatchEntry> entries, bool halt, CancellationToken cancellationToken = default);
}
