using System.Threading.RateLimiting;
using Orleans.Storage;

namespace SyncGrid.Grains;

/// <summary>
/// A grain's pending background work: run soon in a grain timer (never inside the call that made it necessary), and
/// kept by a reminder — registered once per activation — that brings it back after a restart or a silo move. Work
/// that throws (a call it made failed: the silo of the gateway or of a contact died under it, a timeout) runs again
/// after a short backoff — 1 s, doubling, at most 30 s — rather than at the reminder's next tick up to a minute away;
/// work that finds the activation's state stale (a version conflict) deactivates it instead.
/// <para>
/// Work that waits on an outside system first waits for a turn of the silo's <see cref="WorkAdmission"/>, outside the
/// grain (the grain keeps taking calls meanwhile), and then runs as a call to
/// <see cref="IAdmittedWorkGrain.RunAdmittedWorkAsync"/>, which such a grain implements; <paramref name="admission"/>
/// says which turns the next step needs, if any (no <paramref name="admission"/>: the work never waits for a turn). One wait at a time per activation; a wait whose call is lost (the grain moved, the silo died) is
/// picked up again by the next timer or reminder tick.
/// </para>
/// </summary>
internal sealed class DurableWork<TGrain>(
    TGrain grain,
    string reminderName,
    Func<TGrain, CancellationToken, Task> work,
    Func<TGrain, RateLimiter?>? admission = null)
    where TGrain : Grain, IRemindable
{
    private readonly Func<TGrain, RateLimiter?>? _admission = admission is null || grain is IAdmittedWorkGrain
        ? admission
        : throw new ArgumentException($"{typeof(TGrain).Name} waits for turns but does not implement {nameof(IAdmittedWorkGrain)}.", nameof(admission));

    private IGrainTimer? _timer;
    private bool _reminderRegistered;
    private int _failuresInARow;
    private Task? _waitingForTurn;

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

    /// <summary>
    /// Runs the work now if its next step needs no turn, or starts waiting for one (the work then comes back as a call);
    /// the timer and the reminder both start here.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (_admission?.Invoke(grain) is not { } turns)
        {
            return RunWorkAsync(cancellationToken);
        }

        if (_waitingForTurn is { IsCompleted: false })
        {
            return Task.CompletedTask;
        }

        // The reference is taken here, in the grain's context; the wait and the call run outside it.
        var self = grain.AsReference<IAdmittedWorkGrain>();
        _waitingForTurn = Task.Run(() => WaitForTurnAsync(turns, self, reminderName), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the work that waited for its turn (held by the caller until this returns). The wait is over: a step the work
    /// leaves for later (a push after a lookup) waits for a turn of its own.
    /// </summary>
    public Task RunAdmittedAsync(CancellationToken cancellationToken)
    {
        _waitingForTurn = null;
        return RunWorkAsync(cancellationToken);
    }

    private async Task RunWorkAsync(CancellationToken cancellationToken)
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

    private static async Task WaitForTurnAsync(RateLimiter turns, IAdmittedWorkGrain self, string name)
    {
        try
        {
            using var lease = await turns.AcquireAsync(1).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                await self.RunAdmittedWorkAsync(name).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The work failed (it has rescheduled itself with backoff), the call was lost (the grain's silo died, the call
            // timed out) or the silo is stopping (the turns are disposed): the timer or the reminder brings the work back.
            // The turn is given back either way.
        }
    }
}
