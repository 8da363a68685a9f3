using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>
/// One person, keyed by their contact key. Keeps the latest version of each of their source records (from any store
/// and any company), merges them, and records every company they are bound to.
/// </summary>
public sealed partial class ContactGrain(
    [PersistentState("contact", GrainStorageNames.Grid)] IPersistentState<ContactState> state,
    IServiceProvider services,
    IOptions<CompanySyncOptions> syncOptions,
    WorkAdmission admission,
    TimeProvider time,
    ILogger<ContactGrain> logger) : Grain, IContactGrain, IRemindable, IAdmittedWorkGrain
{
    private ContactKey _key;
    private MergedContact? _merged;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = new ContactKey(this.GetPrimaryKeyString());
        _merged = MergeRecords();
        _pushes = services.GetService<IBitrix24Client>() is not null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SubmitResult> SubmitAsync(ValueList<ContactRecord> records, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ApplyAsync(records, cancellationToken);
        }
        catch
        {
            await RestoreStoredStateAsync();
            throw;
        }
    }

    /// <summary>
    /// After a call that failed once it had changed the state in memory (storage refused the write, the silo is going
    /// away): back to the stored state, or the caller's retry would find its change already there, take it for a repeat,
    /// and the change would never be stored.
    /// </summary>
    private MergedContact? MergeRecords() => ContactMerger.Merge(_key, state.State.Records.Values.Select(r => r.Record));

    private async Task RestoreStoredStateAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _merged = MergeRecords();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The stored state cannot be read now: the activation goes, and the next call reads it.
            DeactivateOnIdle();
        }
    }

    private async Task<SubmitResult> ApplyAsync(ValueList<ContactRecord> records, CancellationToken cancellationToken)
    {
        var applied = 0;
        var unchanged = 0;
        foreach (var record in records)
        {
            if (record.Key != _key)
            {
                throw new ArgumentException($"Contact {_key} was given a record of {record.Key} ({record.Source}).", nameof(records));
            }

            var key = new ContactRecordKey(record.Source.Key, record.CompanyTin);
            var hash = ContentHash.Of(record);
            if (state.State.Records.TryGetValue(key, out var stored)
                && ((stored.Hash == hash && stored.Record.Source.ChangedAt == record.Source.ChangedAt) || !SourceVersions.Supersedes(record, stored.Record)))
            {
                unchanged++;
                continue;
            }

            state.State.Records[key] = new StoredContactRecord(record, hash);
            applied++;
        }

        if (applied == 0)
        {
            await TakeUpPendingPushAsync();
            return new SubmitResult(0, unchanged, 0);
        }

        _merged = MergeRecords();

        // The push's reminder before the state that needs it (see TakeUpPendingPushAsync).
        if (PushDue)
        {
            await SchedulePushAsync(TimeSpan.Zero);
        }

        state.State.Version++;
        await state.WriteStateAsync(cancellationToken);
        LogApplied(logger, applied, unchanged, _merged?.Companies.Count ?? 0);
        return new SubmitResult(applied, unchanged, 1);
    }

    /// <inheritdoc />
    public Task<ContactSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ContactSnapshot
        {
            Key = _key,
            Merged = _merged,
            Sources = new(state.State.Records.Values.Select(r => r.Record.Source).Distinct().Order()),
            Version = state.State.Version,
            Bitrix24ContactId = state.State.Bitrix24.ContactId,
            LastError = state.State.Bitrix24.LastError,
        });

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Contact: {Applied} records applied, {Unchanged} unchanged, bound to {Companies} companies")]
    private static partial void LogApplied(ILogger logger, int applied, int unchanged, int companies);
}
