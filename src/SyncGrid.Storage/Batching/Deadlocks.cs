using MySqlConnector;

namespace SyncGrid.Storage.Batching;

/// <summary>
/// Retries a whole transaction that MariaDB rolled back because of a deadlock or a lock-wait timeout: such a
/// transaction left nothing behind, so running it again is safe.
/// </summary>
internal static class Deadlocks
{
    public const int MaxAttempts = 5;

    public static async Task<T> RetryAsync<T>(Func<Task<T>> transaction, Action<int, MySqlErrorCode> onRetry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction().ConfigureAwait(false);
            }
            catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout && attempt < MaxAttempts)
            {
                onRetry(attempt, e.ErrorCode);
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt * Random.Shared.Next(1, 4))).ConfigureAwait(false);
            }
        }
    }
}
