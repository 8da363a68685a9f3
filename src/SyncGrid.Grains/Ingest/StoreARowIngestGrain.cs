using System.Text;
using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// One store A row's ingest, called by <see cref="RecordStreamGrain"/> for each record of the store A topic under the
/// row's key (it can also be called directly). Decodes and normalises the row, records rejects with the row's position (table, id, <c>updated_at</c>),
/// and submits it to the company of its TIN — a contact to its company's, with its company row as parent, so that a
/// deleted company row withdraws its contacts. A row that is deleted, changes TIN or can no longer be routed is
/// withdrawn from the company it was delivered to, at the version delivered there. Everything is durable before the
/// record is acknowledged. There is one activation per row, so activations are collected after two idle minutes (the shortest age limit above the default collection quantum).
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class StoreARowIngestGrain(
    [PersistentState("store-a-row-ingest", GrainStorageNames.Grid)] IPersistentState<StoreARowIngestState> state,
    IRejectStore rejects,
    IngestMetrics metrics,
    ILogger<StoreARowIngestGrain> logger) : Grain, IStoreARowIngestGrain
{
    // A malformed record is kept in the rejects store up to this many characters.
    private const int MaxRawChars = 4000;

    /// <inheritdoc />
    public Task<string?> GetLastTinAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.LastTin);

    /// <inheritdoc />
    public async Task<SubmitResult> IngestAsync(byte[] envelope, string transportPosition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var key = this.GetPrimaryKeyString();
        var parsed = StoreAEnvelope.Parse(envelope);
        if (!parsed.Success || parsed.Envelope.Key != key)
        {
            var (code, message) = parsed.Success
                ? (StoreARejectCodes.EnvelopeMalformed, $"The record under key {key} holds the row {parsed.Envelope.Key}.")
                : (parsed.Code, parsed.Message);
            RejectEntry[] malformed = [new RejectEntry(SourceStore.StoreA, key, transportPosition, "envelope", Raw(envelope), code, message)];
            await rejects.RecordAsync(malformed, cancellationToken);
            metrics.Rejected(malformed);
            metrics.Ingested(IngestMetrics.StoreA, "malformed");
            LogRejected(logger, key, 1);
            return SubmitResult.None;
        }

        var e = parsed.Envelope;
        if (state.State.LastChangedAt is { } last && e.ChangedAt < last)
        {
            // A version older than one already handled (a redelivery): routing by it would undo the newer one.
            metrics.Ingested(IngestMetrics.StoreA, "stale");
            LogStale(logger, key, e.ChangedAt, last);
            return new SubmitResult(0, 1, 0);
        }

        var entries = new List<RejectEntry>();
        var result = e.Row switch
        {
            StoreACompanyRow company => await CompanyAsync(e, company, entries, cancellationToken),
            StoreAContactRow contact => await ContactAsync(e, contact, entries, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown store A row type {e.Row.GetType().Name}."),
        };

        if (entries.Count > 0)
        {
            await rejects.RecordAsync(entries, cancellationToken);
            metrics.Rejected(entries);
            LogRejected(logger, key, entries.Count);
        }

        metrics.Ingested(IngestMetrics.StoreA, result.Name);
        return result.Result;
    }

    private async Task<Outcome> CompanyAsync(StoreAEnvelope e, StoreACompanyRow row, List<RejectEntry> entries, CancellationToken cancellationToken)
    {
        CompanyRecord? record = null;
        if (!row.IsDeleted)
        {
            var mapped = StoreARowMapper.ToCompany(row, e.ChangedAt);
            entries.AddRange(RejectEntry.FromProblems(mapped.Problems, SourceStore.StoreA, row.Key, e.Position));
            var normalized = RecordNormalizer.Normalize(mapped.Raw);
            entries.AddRange(RejectEntry.FromNormalized(normalized, SourceStore.StoreA, row.Key, e.Position));
            record = normalized.Record;
            if (record is null && normalized.Problems.Count > 0)
            {
                // The local TIN checks refused it: a company that never costs a register lookup.
                metrics.Prefiltered(IngestMetrics.StoreA, normalized.Problems[0].Code);
            }
        }

        var result = SubmitResult.None;
        var newTin = record?.Tin.Value;
        if (state.State.LastTin is { } lastTin && lastTin != newTin)
        {
            // Deleted, moved to another TIN, or no valid TIN any more: withdraw the version the old company has.
            result = await Company(lastTin).SubmitAsync(new CompanySubmission { Companies = [CompanyWithdrawal(lastTin, row.Key, e.ChangedAt)] }, cancellationToken);
        }

        if (record is not null)
        {
            result = result.Add(await Company(record.Tin.Value).SubmitAsync(new CompanySubmission { Companies = [record] }, cancellationToken));
        }

        await RememberAsync(newTin, null, e.ChangedAt, cancellationToken);
        return new Outcome(result, record is null && !row.IsDeleted);
    }

    private async Task<Outcome> ContactAsync(StoreAEnvelope e, StoreAContactRow row, List<RejectEntry> entries, CancellationToken cancellationToken)
    {
        ContactRecord? record = null;
        if (!row.IsDeleted)
        {
            var mapped = StoreARowMapper.ToContact(row, e.ChangedAt);
            entries.AddRange(RejectEntry.FromProblems(mapped.Problems, SourceStore.StoreA, row.Key, e.Position));
            if (mapped.Refusal is { } refusal)
            {
                entries.AddRange(RejectEntry.FromProblems([refusal], SourceStore.StoreA, row.Key, e.Position));
            }
            else
            {
                var normalized = RecordNormalizer.Normalize(mapped.Raw);
                entries.AddRange(RejectEntry.FromNormalized(normalized, SourceStore.StoreA, row.Key, e.Position));
                record = normalized.Record;
            }
        }

        var result = SubmitResult.None;
        var newTin = record?.CompanyTin.Value;
        if (state.State.LastTin is { } lastTin && state.State.LastKey is { } lastKey && lastTin != newTin)
        {
            // Deleted, its company moved to another TIN, or it lost its company: withdraw it from the company it was in.
            // (A new key under the same company is the company's to handle: it knows the key it filed the record under.)
            var withdrawal = new ContactRecord
            {
                Source = new SourceRef(SourceStore.StoreA, row.Key, state.State.LastChangedAt ?? e.ChangedAt),
                CompanyTin = Tin.Parse(lastTin).Value,
                Key = new ContactKey(lastKey),
                IsDeleted = true,
            };
            result = await Company(lastTin).SubmitAsync(new CompanySubmission { Contacts = [withdrawal] }, cancellationToken);
        }

        if (record is not null)
        {
            result = result.Add(await Company(record.CompanyTin.Value).SubmitAsync(new CompanySubmission { Contacts = [record] }, cancellationToken));
        }

        await RememberAsync(newTin, record?.Key.Value, e.ChangedAt, cancellationToken);
        return new Outcome(result, record is null && !row.IsDeleted);
    }

    private CompanyRecord CompanyWithdrawal(string tin, string sourceId, DateTimeOffset fallback) => new()
    {
        // At the delivered version's own time: a deletion wins a tie, and is never newer than what the row says now.
        Source = new SourceRef(SourceStore.StoreA, sourceId, state.State.LastChangedAt ?? fallback),
        Tin = Tin.Parse(tin).Value,
        IsDeleted = true,
    };

    private async Task RememberAsync(string? tin, string? key, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.LastTin == tin && s.LastKey == key && s.LastChangedAt == changedAt)
        {
            return;
        }

        s.LastTin = tin;
        s.LastKey = key;
        s.LastChangedAt = changedAt;
        await state.WriteStateAsync(cancellationToken);
    }

    private ICompanyGrain Company(string tin) => GrainFactory.GetGrain<ICompanyGrain>(tin);

    private static string Raw(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        return text.Length <= MaxRawChars ? text : text[..MaxRawChars];
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Store A row {Row}: {Count} values rejected")]
    private static partial void LogRejected(ILogger logger, string row, int count);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Store A row {Row}: version of {ChangedAt:O} is older than the handled {Last:O}; ignored")]
    private static partial void LogStale(ILogger logger, string row, DateTimeOffset changedAt, DateTimeOffset last);

    private readonly record struct Outcome(SubmitResult Result, bool Refused)
    {
        public string Name => Refused ? "refused" : Result.RecordsApplied > 0 ? "applied" : "unchanged";
    }
}
