using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.Register;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// The company's way from merged records to Bitrix24: the register's verdict (reused while valid, so a TIN is
/// looked up at most once per validity period, across restarts and silo moves), then the push. The work runs in a
/// grain timer right after the submission that caused it (never inside the ingest call), one step at a time (one
/// lookup per company however many records arrive); a reminder brings it back after a restart or a failure, with
/// exponential backoff. Nothing reaches Bitrix24 before the register reports the company ACTIVE.
/// </summary>
public sealed partial class CompanyGrain
{
    private const string WorkReminder = "sync";

    private IRegisterClient? _register;
    private Bitrix24Presets? _bitrix24;
    private DurableWork<CompanyGrain>? _work;
    private bool _working;

    /// <summary>Whether pending work has something to do it: a register to ask, or a portal to push to.</summary>
    private bool CanProgress => state.State.Status switch
    {
        CompanySyncStatus.ValidationPending => _register is not null,
        CompanySyncStatus.SyncPending or CompanySyncStatus.Failed => _bitrix24 is not null,
        _ => false,
    };

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WorkReminder)
        {
            await Work.RunAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public Task RunAdmittedWorkAsync(string work) =>
        work == WorkReminder ? Work.RunAdmittedAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>
    /// The silo's turns the next step waits for, outside the grain (see <see cref="WorkAdmission"/>): a lookup's or a
    /// push's, none for a step that calls no outside system or is not due yet.
    /// </summary>
    private RateLimiter? TurnsNeeded() =>
        _merged is null || UntilNextAttempt is not null ? null
        : ValidationDue ? admission.RegisterLookups
        : PushDue ? admission.Bitrix24Pushes
        : null;

    /// <summary>The register is to be asked (once the next attempt is due).</summary>
    private bool ValidationDue => state.State.Status == CompanySyncStatus.ValidationPending && _register is not null;

    /// <summary>The register reported the company ACTIVE and Bitrix24 does not hold it yet (once the next attempt is due).</summary>
    private bool PushDue => state.State.Status is CompanySyncStatus.SyncPending or CompanySyncStatus.Failed && _bitrix24 is not null && state.State.Verdict?.IsActive == true;

    /// <summary>How long until a failed lookup or push may be tried again; none when it may be now.</summary>
    private TimeSpan? UntilNextAttempt => state.State.NextAttemptAt - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : null;

    /// <summary>After a merge: decide, from a still-valid verdict, what the company needs next.</summary>
    private void DecideNextStep()
    {
        if (_merged is null || _register is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var validity = syncOptions.Value.VerdictValidity;
        if (state.State.Verdict is { } verdict && now - verdict.ObtainedAt < validity)
        {
            metrics.Verdict("hit");
            ApplyVerdict(verdict);
        }
        else if (state.State.NotFoundAt is { } at && now - at < validity)
        {
            metrics.Verdict("negative-hit");
            SetStatus(CompanySyncStatus.Rejected, "register.not-found");
        }
        else if (state.State.Status is not CompanySyncStatus.ValidationPending)
        {
            metrics.Verdict("miss");
            SetStatus(CompanySyncStatus.ValidationPending, null);
        }
    }

    private void ApplyVerdict(RegisterVerdict verdict)
    {
        if (!verdict.IsActive)
        {
            SetStatus(CompanySyncStatus.Inactive, $"register.status.{verdict.Status.ToString().ToLowerInvariant()}");
        }
        else if (state.State.Status == CompanySyncStatus.Synced)
        {
            if (ImageChanged())
            {
                SetStatus(CompanySyncStatus.SyncPending, null);
            }
        }
        else if (state.State.Status != CompanySyncStatus.Failed)
        {
            // A failed push keeps its status (and backoff); its retry writes the current image.
            SetStatus(CompanySyncStatus.SyncPending, null);
        }
    }

    private bool ImageChanged() => _merged is not null && state.State.Bitrix24.Synced?.Fingerprint != Image().Fingerprint;

    private Bitrix24CompanyImage Image() => Bitrix24CompanyImage.From(_merged!, state.State.Verdict?.FullName, state.State.Verdict?.ShortName);

    private DurableWork<CompanyGrain> Work => _work ??= new DurableWork<CompanyGrain>(this, WorkReminder, static (grain, ct) => grain.DoWorkAsync(ct), static grain => grain.TurnsNeeded());

    private Task ScheduleWorkAsync(TimeSpan due) => Work.ScheduleAsync(due);

    private async Task DoWorkAsync(CancellationToken cancellationToken)
    {
        if (_working || _merged is null)
        {
            return;
        }

        _working = true;
        try
        {
            if (UntilNextAttempt is { } wait)
            {
                await ScheduleWorkAsync(wait);
                return;
            }

            var changed = false;
            if (ValidationDue)
            {
                await ValidateAsync(cancellationToken);
                changed = true;
            }

            // A run does one outside step: the push after a lookup waits for a push turn of its own (the lookup's turn
            // would otherwise be held for the push's round trips, and the register's rate left unused).
            else if (PushDue)
            {
                await PushAsync(cancellationToken);
                changed = true;
            }

            if (state.State.Status == CompanySyncStatus.Synced && state.State.Bitrix24.CompanyId is { } companyId && state.State.Bitrix24.ContactsNotifiedFor != companyId)
            {
                var links = state.State.LinkShards == 0 ? [.. state.State.Links.Values] : await AllShardLinksAsync(parent: null, cancellationToken);
                await NotifyContactsAsync(links.Select(l => l.Key.Value), cancellationToken);
                state.State.Bitrix24.ContactsNotifiedFor = companyId;
                changed = true;
            }

            if (changed)
            {
                state.State.Version++;
                await state.WriteStateAsync(cancellationToken);
                await readModel.UpsertCompanyAsync(ReadModelRow(), cancellationToken);
            }

            if (CanProgress)
            {
                await ScheduleWorkAsync(UntilNextAttempt ?? TimeSpan.Zero);
            }
            else
            {
                await UnregisterWorkReminderAsync();
            }
        }
        finally
        {
            _working = false;
        }
    }

    private async Task ValidateAsync(CancellationToken cancellationToken)
    {
        var kpp = _merged!.Requisites.Select(r => r.Value.Kpp).FirstOrDefault(k => k is not null);
        var lookup = await _register!.FindPartyAsync(_tin, kpp, cancellationToken);
        switch (lookup)
        {
            case RegisterLookup.Found found:
                state.State.Verdict = found.Verdict;
                state.State.NotFoundAt = null;
                state.State.ValidationAttempts = 0;
                state.State.NextAttemptAt = null;
                ApplyVerdict(found.Verdict);
                LogVerdict(logger, _tin.Value, found.Verdict.Status);
                break;
            case RegisterLookup.NotFound notFound:
                state.State.Verdict = null;
                state.State.NotFoundAt = notFound.ObtainedAt;
                state.State.ValidationAttempts = 0;
                state.State.NextAttemptAt = null;
                SetStatus(CompanySyncStatus.Rejected, "register.not-found");
                break;
            case RegisterLookup.Unavailable unavailable:
                state.State.ValidationAttempts++;
                state.State.NextAttemptAt = time.GetUtcNow() + Max(syncOptions.Value.RetryDelay(state.State.ValidationAttempts), unavailable.RetryAfter ?? TimeSpan.Zero);
                SetStatus(CompanySyncStatus.ValidationPending, $"register unavailable: {unavailable.Reason}");
                break;
            case RegisterLookup.Refused refused:
                state.State.ValidationAttempts++;
                state.State.NextAttemptAt = time.GetUtcNow() + syncOptions.Value.MaxRetryDelay;
                SetStatus(CompanySyncStatus.ValidationPending, $"register refused the lookups: {refused.Reason}");
                break;
        }
    }

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        var gateway = GrainFactory.GetGrain<IBitrix24GatewayGrain>(syncOptions.Value.Portal);
        var pusher = new CompanyBitrix24Pusher(gateway, _bitrix24!);
        var b = state.State.Bitrix24;
        var (outcome, error) = await pusher.PushAsync(b, Image(), async () =>
        {
            state.State.Version++;
            await state.WriteStateAsync(cancellationToken);
        }, cancellationToken);
        if (outcome == Bitrix24PushOutcome.Synced)
        {
            b.Attempts = 0;
            b.LastError = null;
            state.State.NextAttemptAt = null;
            SetStatus(CompanySyncStatus.Synced, null);
            return;
        }

        b.Attempts++;
        b.LastError = error;
        state.State.NextAttemptAt = time.GetUtcNow() + (outcome == Bitrix24PushOutcome.Failed ? syncOptions.Value.MaxRetryDelay : syncOptions.Value.RetryDelay(b.Attempts));
        SetStatus(CompanySyncStatus.Failed, $"{error} (attempt {b.Attempts})");
        LogPushFailed(logger, _tin.Value, b.Attempts, outcome, error);
    }

    /// <summary>Tells contacts that this company is in Bitrix24, so they push themselves bound to it.</summary>
    private Task NotifyContactsAsync(IEnumerable<string> contactKeys, CancellationToken cancellationToken)
    {
        if (state.State.Bitrix24.CompanyId is not { } id)
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(contactKeys.Distinct(StringComparer.Ordinal).Select(key => GrainFactory.GetGrain<IContactGrain>(key).CompanySyncedAsync(_tin.Value, id, cancellationToken)));
    }

    private Task UnregisterWorkReminderAsync() => Work.DoneAsync();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Company {Tin}: the register reports {Status}")]
    private static partial void LogVerdict(ILogger logger, string tin, RegisterPartyStatus status);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Company {Tin}: Bitrix24 push attempt {Attempt} ended {Outcome}: {Error}")]
    private static partial void LogPushFailed(ILogger logger, string tin, int attempt, Bitrix24PushOutcome outcome, string? error);
}
