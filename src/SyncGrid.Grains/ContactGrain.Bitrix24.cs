using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// The contact's push to Bitrix24. A contact goes to Bitrix24 only once one of its companies is there (so the
/// contacts of inactive or rejected companies never do); it is bound to every one of its companies that is. The push
/// runs in a grain timer, is retried with backoff, and a reminder brings it back after a restart.
/// </summary>
public sealed partial class ContactGrain
{
    private const string PushReminder = "push";

    private bool _pushes;
    private DurableWork<ContactGrain>? _work;
    private bool _pushing;

    /// <summary>Whether Bitrix24 does not yet hold what it should.</summary>
    private DurableWork<ContactGrain> Work => _work ??= new DurableWork<ContactGrain>(this, PushReminder, static (grain, ct) => grain.PushAsync(ct), static grain => grain.TurnsNeeded());

    private bool PushDue => _pushes && _merged is not null && Image() is { Companies.Count: > 0 } image
        && (state.State.Bitrix24.ContactId is null || state.State.Bitrix24.AddOutcomeUnknown || state.State.Bitrix24.Synced?.Fingerprint != image.Fingerprint);

    /// <inheritdoc />
    public async Task CompanySyncedAsync(string tin, long bitrix24CompanyId, CancellationToken cancellationToken = default)
    {
        if (state.State.Bitrix24.CompanyIds.TryGetValue(tin, out var known) && known == bitrix24CompanyId)
        {
            await TakeUpPendingPushAsync();
            return;
        }

        state.State.Bitrix24.CompanyIds[tin] = bitrix24CompanyId;
        try
        {
            if (PushDue)
            {
                await SchedulePushAsync(TimeSpan.Zero);
            }

            state.State.Version++;
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // The company's retry must not find the id already known (see RestoreStoredStateAsync).
            await RestoreStoredStateAsync();
            throw;
        }
    }

    /// <summary>
    /// The push's reminder is registered before the state that makes it due is written, so no failure in between leaves
    /// the contact waiting with nothing to wake it; a repeated call that finds a push due that this activation has not
    /// taken up (the one before it failed after its write) takes it up.
    /// </summary>
    private async Task TakeUpPendingPushAsync()
    {
        if (PushDue && !Work.IsScheduled)
        {
            await SchedulePushAsync(TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == PushReminder ? Work.RunAsync(CancellationToken.None) : Task.CompletedTask;

    /// <inheritdoc />
    public Task RunAdmittedWorkAsync(string work) =>
        work == PushReminder ? Work.RunAdmittedAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>A push's turn of the silo (see <see cref="WorkAdmission"/>) when one is due now; none otherwise.</summary>
    private System.Threading.RateLimiting.RateLimiter? TurnsNeeded() =>
        PushDue && UntilNextAttempt is null ? admission.Bitrix24Pushes : null;

    /// <summary>How long until a failed push may be tried again; none when it may be now.</summary>
    private TimeSpan? UntilNextAttempt =>
        state.State.Bitrix24.NextAttemptAt - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : null;

    private Bitrix24ContactImage Image() => Bitrix24ContactImage.From(
        _merged!,
        _merged!.Companies.Select(t => state.State.Bitrix24.CompanyIds.TryGetValue(t.Value, out var id) ? id : 0).Where(id => id > 0));

    private Task SchedulePushAsync(TimeSpan due) => Work.ScheduleAsync(due);

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        if (_pushing)
        {
            return;
        }

        _pushing = true;
        try
        {
            var b = state.State.Bitrix24;
            if (UntilNextAttempt is { } wait)
            {
                await SchedulePushAsync(wait);
                return;
            }

            if (!PushDue)
            {
                await UnregisterPushReminderAsync();
                return;
            }

            var pusher = new ContactBitrix24Pusher(GrainFactory.GetGrain<IBitrix24GatewayGrain>(syncOptions.Value.Portal));
            var (outcome, error) = await pusher.PushAsync(b, Image(), async () =>
            {
                state.State.Version++;
                await state.WriteStateAsync(cancellationToken);
            }, cancellationToken);
            if (outcome == Bitrix24PushOutcome.Synced)
            {
                b.Attempts = 0;
                b.LastError = null;
                b.NextAttemptAt = null;
            }
            else
            {
                b.Attempts++;
                b.LastError = error;
                b.NextAttemptAt = time.GetUtcNow() + (outcome == Bitrix24PushOutcome.Failed ? syncOptions.Value.MaxRetryDelay : syncOptions.Value.RetryDelay(b.Attempts));
                LogPushFailed(logger, b.Attempts, outcome, error);
            }

            state.State.Version++;
            await state.WriteStateAsync(cancellationToken);
            if (PushDue)
            {
                await SchedulePushAsync(UntilNextAttempt ?? TimeSpan.Zero);
            }
            else
            {
                await UnregisterPushReminderAsync();
            }
        }
        finally
        {
            _pushing = false;
        }
    }

    private Task UnregisterPushReminderAsync() => Work.DoneAsync();

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Contact: Bitrix24 push attempt {Attempt} ended {Outcome}: {Error}")]
    private static partial void LogPushFailed(ILogger logger, int attempt, Bitrix24PushOutcome outcome, string? error);
}
