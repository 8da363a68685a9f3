using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;

namespace SyncGrid.Grains;

/// <summary>
/// A re-sync on request: the company goes through validation and a push again although nothing changed. The cached
/// verdict is dropped (the register is asked afresh) and so is the image last written, which makes the next push take
/// the update path: it reads the company in Bitrix24 (adding it again if it was deleted there, sending the diff of a
/// drifted title, phones and e-mails) and re-writes requisites and bank details by their known ids. The ids and the
/// "add outcome unknown" mark are kept, so nothing is added twice.
/// </summary>
public sealed partial class CompanyGrain
{
    /// <summary>The status reason while a requested re-sync is under way.</summary>
    public const string ResyncReason = "resync requested";

    /// <inheritdoc />
    public async Task<ResyncResult> ResyncAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.Records.Count == 0)
        {
            return new ResyncResult(false, state.State.Status, $"No source record has reached company {_tin}; there is nothing to sync.");
        }

        if (_merged is null)
        {
            return new ResyncResult(false, state.State.Status, $"Every source withdrew company {_tin}; there is nothing to sync (SyncGrid never deletes companies from Bitrix24).");
        }

        if (_register is null && state.State.Verdict?.IsActive != true)
        {
            return new ResyncResult(false, state.State.Status, "The register is not configured (Register:BaseUrl): the company cannot be validated, and so is never pushed.");
        }

        var b = state.State.Bitrix24;
        b.Synced = null;
        b.Attempts = 0;
        state.State.NextAttemptAt = null;
        if (_register is not null)
        {
            state.State.Verdict = null;
            state.State.NotFoundAt = null;
            state.State.ValidationAttempts = 0;
            SetStatus(CompanySyncStatus.ValidationPending, ResyncReason);
        }
        else
        {
            // No register to ask: the still-held active verdict stands, and the push is forced.
            SetStatus(CompanySyncStatus.SyncPending, ResyncReason);
        }

        state.State.Version++;
        await state.WriteStateAsync(cancellationToken);
        await readModel.UpsertCompanyAsync(ReadModelRow(), cancellationToken);
        if (CanProgress)
        {
            await ScheduleWorkAsync(TimeSpan.Zero);
        }

        LogResync(logger, _tin.Value, state.State.Status);
        var next = _register is not null ? "The register is asked again" : "The register is not configured; the held verdict stands";
        var push = _bitrix24 is not null
            ? "then the company is re-read in Bitrix24 and re-written by its ids."
            : "but Bitrix24 is not configured (Bitrix24:WebhookUrl), so nothing is pushed.";
        return new ResyncResult(true, state.State.Status, $"{next}; {push}");
    }

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Company {Tin}: re-sync requested, now {Status}")]
    private static partial void LogResync(ILogger logger, string tin, CompanySyncStatus status);
}
