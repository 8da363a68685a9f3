namespace SyncGrid.Grains;

/// <summary>
/// A grain's pending background work: run soon in a grain timer (never inside the call that made it necessary), and
/// kept by a reminder — registered once per activation — that brings it back after a restart or a silo move.
/// </summary>
internal sealed class DurableWork<TGrain>(TGrain grain, string reminderName, Func<TGrain, CancellationToken, Task> work)
    where TGrain : Grain, IRemindable
{
    private IGrainTimer? _timer;
    private bool _reminderRegistered;

    /// <summary>Runs the work after <paramref name="due"/> (replacing an earlier schedule) and makes sure the reminder exists.</summary>
    public async Task ScheduleAsync(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = grain.RegisterGrainTimer(work, grain, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        if (!_reminderRegistered)
        {
            await grain.RegisterOrUpdateReminder(reminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderRegistered = true;
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
