using System.Diagnostics;

namespace SyncGrid.Grains.Tests;

/// <summary>Waiting in a test for what a grain does in the background (a timer, a reminder, a turn).</summary>
internal static class Eventually
{
    /// <summary>Waits for <paramref name="condition"/>, checking every 50 ms; fails the test after <paramref name="patience"/>, saying what was awaited.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan patience)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < patience, $"{what()}: not reached in {patience.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
