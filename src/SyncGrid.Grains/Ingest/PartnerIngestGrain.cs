using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Sources;
using SyncGrid.Sources.Import;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// One store B partner's ingest, called by <see cref="RecordStreamGrain"/> for each record under the partner's key (it
/// can also be called directly): the SAP change events on the store B topic, and the export importer's records on the
/// exports topic (<see cref="StoreBStreams.ExportsNamespacePattern"/>), so both sources of a partner meet in one grain
/// and share its last TIN. Everything a record causes — rejects recorded, the company submission, a withdrawal from a
/// previous TIN — is durable before the record is acknowledged, so the partition's offset only moves past records that
/// are in grain state or in the rejects store.
/// </summary>
public sealed partial class PartnerIngestGrain(
    [PersistentState("partner-ingest", GrainStorageNames.Grid)] IPersistentState<PartnerIngestState> state,
    IRejectStore rejects,
    IngestMetrics metrics,
    ILogger<PartnerIngestGrain> logger) : Grain, IPartnerIngestGrain
{
    // A malformed message is kept in the rejects store up to this many characters.
    private const int MaxRawChars = 4000;

    /// <inheritdoc />
    public Task<string?> GetLastTinAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.LastTin);

    /// <inheritdoc />
    public Task<SubmitResult> IngestAsync(byte[] message, string position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HandleAsync(SapEventParser.Parse(message, position), IngestMetrics.StoreBEvents, "message", () => Raw(message), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SubmitResult> IngestExportAsync(byte[] record, string transportPosition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = StoreBExportEnvelope.Read(record, transportPosition);
        return HandleAsync(message.Result, IngestMetrics.StoreBExports, "partner", () => message.Raw, cancellationToken);
    }

    private async Task<SubmitResult> HandleAsync(SapEventResult parsed, string source, string rawField, Func<string?> raw, CancellationToken cancellationToken)
    {
        var partnerId = this.GetPrimaryKeyString();
        var entries = new List<RejectEntry>();
        var result = SubmitResult.None;
        var outcome = "unchanged";
        switch (parsed)
        {
            case PartnerChanged changed:
                (result, outcome) = await ChangedAsync(changed, partnerId, source, entries, cancellationToken);
                break;
            case PartnerDeleted deleted when state.State.LastTin is { } lastTin:
                result = await WithdrawAsync(lastTin, partnerId, deleted.OccurredAt, cancellationToken);
                if (state.State.LastTinSince is not { } since || since < deleted.OccurredAt)
                {
                    // Pictures older than the deletion must not move the deleted partner to another TIN.
                    state.State.LastTinSince = deleted.OccurredAt;
                    await state.WriteStateAsync(cancellationToken);
                }

                break;
            case PartnerDeleted deleted:
                entries.Add(new RejectEntry(SourceStore.StoreB, partnerId, deleted.Position, "partnerId", deleted.PartnerId, "partner.unknown", "A PartnerDeleted event for a partner never seen with a valid TIN: nothing to delete."));
                outcome = "refused";
                break;
            case Rejected rejected:
                entries.Add(new RejectEntry(SourceStore.StoreB, partnerId, rejected.Position, rawField, raw(), rejected.Code, rejected.Message));
                outcome = "malformed";
                break;
        }

        if (entries.Count > 0)
        {
            await rejects.RecordAsync(entries, cancellationToken);
            metrics.Rejected(entries);
            LogRejected(logger, partnerId, entries.Count);
        }

        metrics.Ingested(source, outcome == "unchanged" && result.RecordsApplied > 0 ? "applied" : outcome);
        return result;
    }

    private async Task<(SubmitResult Result, string Outcome)> ChangedAsync(PartnerChanged changed, string partnerId, string source, List<RejectEntry> entries, CancellationToken cancellationToken)
    {
        var company = RecordNormalizer.Normalize(changed.Company);
        entries.AddRange(RejectEntry.FromNormalized(company, SourceStore.StoreB, partnerId, changed.Position));
        var contacts = new List<ContactRecord>();
        foreach (var raw in changed.Contacts)
        {
            var contact = RecordNormalizer.Normalize(raw);
            entries.AddRange(RejectEntry.FromNormalized(contact, SourceStore.StoreB, raw.Source.Id, changed.Position));
            if (!contact.IsRejected)
            {
                contacts.Add(contact.Record);
            }
        }

        if (company.Record is null && company.Problems.Count > 0)
        {
            // The local TIN checks refused it: a company that never costs a register lookup.
            metrics.Prefiltered(source, company.Problems[0].Code);
        }

        var result = SubmitResult.None;
        var newTin = company.Record?.Tin.Value;
        var changedAt = changed.Company.Source.ChangedAt;
        if (newTin != state.State.LastTin && state.State.LastTinSince is { } since && changedAt < since)
        {
            // An older picture than the one that set the partner's current TIN (a history export read after newer SAP
            // events, say): it must not move the partner back. Same-TIN pictures still go to the company, which keeps
            // the newest version of each source record anyway.
            LogStale(logger, partnerId, changedAt, since);
            return (result, "stale");
        }

        if (state.State.LastTin is { } lastTin && lastTin != newTin)
        {
            // The partner moved to another TIN (or lost a valid one): withdraw it from the company it was.
            result = await WithdrawAsync(lastTin, partnerId, changed.Company.Source.ChangedAt, cancellationToken);
        }

        if (company.Record is { } record)
        {
            result = result.Add(await GrainFactory.GetGrain<ICompanyGrain>(record.Tin.Value).SubmitAsync(
                new CompanySubmission
                {
                    Companies = [record],
                    Contacts = new ValueList<ContactRecord>(contacts),
                    CompleteContactLists = [record.Source.Key],
                },
                cancellationToken));
        }

        if (state.State.LastTin != newTin || state.State.LastTinSince is null)
        {
            state.State.LastTin = newTin;
            state.State.LastTinSince = changedAt;
            await state.WriteStateAsync(cancellationToken);
        }

        return (result, company.Record is null ? "refused" : "unchanged");
    }

    private Task<SubmitResult> WithdrawAsync(string tin, string partnerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var deletion = new CompanyRecord
        {
            Source = new SourceRef(SourceStore.StoreB, partnerId, at),
            Tin = Tin.Parse(tin).Value,
            IsDeleted = true,
        };
        return GrainFactory.GetGrain<ICompanyGrain>(tin).SubmitAsync(new CompanySubmission { Companies = [deletion] }, cancellationToken);
    }

    private static string Raw(byte[] message)
    {
        var text = System.Text.Encoding.UTF8.GetString(message);
        return text.Length <= MaxRawChars ? text : text[..MaxRawChars];
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Partner {Partner}: {Count} values rejected")]
    private static partial void LogRejected(ILogger logger, string partner, int count);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Partner {Partner}: a picture of {ChangedAt} under another TIN is older than the current TIN's ({Since}); not routed")]
    private static partial void LogStale(ILogger logger, string partner, DateTimeOffset changedAt, DateTimeOffset since);
}
