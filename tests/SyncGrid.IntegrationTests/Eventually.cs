using System.Diagnostics;

namespace SyncGrid.IntegrationTests;

/// <summary>Waiting in a test for something the cluster does in the background.</summary>
internal static class Eventually
{
    /// <summary>
    /// Waits for <paramref name="condition"/>, checking every <paramref name="period"/> (100 ms unless given); fails the
    /// test after <paramref name="patience"/>.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan patience, TimeSpan? period = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < patience, $"{what}: not reached in {patience}");
            await Task.Delay(period ?? TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
