using Orleans.Storage;

namespace SyncGrid.Grains;

/// <summary>
/// A grain's pending background work: run soon in a grain timer (never inside the call that made it necessary), and
/// kept by a reminder — registered once per activation — that brings it back after a restart or a silo move. Work
/// that throws (a call it made failed: the silo of the gateway or of a contact died under it, a timeout) runs again
/// after a short backoff — 1 s, doubling, at most 30 s — rather than at the reminder's next tick up to a minute away;
/// work that finds the activation's state stale (a version conflict) deactivates it instead.
/// </summary>
internal sealed class DurableWork<TGrain>(TGrain grain, string reminderName, Func<TGrain, CancellationToken, Task> work)
    where TGrain : Grain, IRemindable
{
    private IGrainTimer? _timer;
    private bool _reminderRegistered;
    private int _failuresInARow;

    /// <summary>Whether this activation has taken the work up (its reminder is registered and a timer runs it).</summary>
    public bool IsScheduled => _reminderRegistered;

    /// <summary>Runs the work after <paramref name="due"/> (replacing an earlier schedule) and makes sure the reminder exists.</summary>
    public async Task ScheduleAsync(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = grain.RegisterGrainTimer(static (self, ct) => self.RunAsync(ct), this, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        if (!_reminderRegistered)
        {
            await grain.RegisterOrUpdateReminder(reminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderRegistered = true;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await work(grain, cancellationToken);
            _failuresInARow = 0;
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote the grain's state (two lived at once while a silo died): this one is stale and would
            // fail every write. It goes; the reminder, or the next call, brings the work back on one that reads the state.
            GrainBaseExtensions.DeactivateOnIdle(grain);
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _failuresInARow++;
            await ScheduleAsync(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(_failuresInARow, 6) - 1))));
            throw;
        }
    }

    /// <summary>No work is left: drop the reminder.</summary>
    public async Task DoneAsync()
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }
}
