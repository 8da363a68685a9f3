using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Register;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// One company, keyed by its normalised TIN. Keeps the latest version of each company source record, merges them
/// field by field with provenance, forwards its contacts to their contact grains (skipping versions it already
/// forwarded), withdraws contact records a source dropped, and writes its state at most once per submission and
/// never for a repeat.
/// </summary>
public sealed partial class CompanyGrain(
    [PersistentState("company", GrainStorageNames.Grid)] IPersistentState<CompanyState> state,
    IReadModelWriter readModel,
    IServiceProvider services,
    IOptions<CompanySyncOptions> syncOptions,
    GridMetrics metrics,
    WorkAdmission admission,
    TimeProvider time,
    ILogger<CompanyGrain> logger) : Grain, ICompanyGrain, IRemindable, IAdmittedWorkGrain
{
    /// <summary>How many status changes the history keeps.</summary>
    public const int HistoryLimit = 20;

    /// <summary>Above this many contact links the company moves them into <see cref="LinkShardCount"/> shard grains.</summary>
    public const int InlineLinkLimit = 512;

    /// <summary>How many shard grains hold the links of a large company.</summary>
    public const int LinkShardCount = 32;

    private Tin _tin;
    private MergedCompany? _merged;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var tin = Tin.Parse(key);
        if (!tin.Success || tin.Value.Value != key)
        {
            throw new InvalidOperationException($"A company grain is keyed by a normalised TIN; '{key}' is not one ({tin.Problem?.Code ?? "not normalised"}).");
        }

        _tin = tin.Value;
        _merged = MergeRecords();
        _register = services.GetService<IRegisterClient>();
        _bitrix24 = services.GetService<IBitrix24Client>() is null ? null : services.GetRequiredService<Bitrix24Presets>();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SubmitResult> SubmitAsync(CompanySubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            return await ApplyAsync(submission, cancellationToken);
        }
        catch
        {
            // The records are applied in memory before the contacts are forwarded and the state is written. A failure in
            // between (a contact's silo dies under the call, storage refuses the write) leaves this activation ahead of its
            // stored state: the caller's retry would look like a repeat (never merged, its contacts never forwarded), and a
            // later write of this activation would store the records without their contacts' links. Back to the stored state.
            await RestoreStoredStateAsync();
            throw;
        }
    }

    private MergedCompany? MergeRecords() => CompanyMerger.Merge(_tin, state.State.Records.Values.Select(r => r.Record));

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

    private async Task<SubmitResult> ApplyAsync(CompanySubmission submission, CancellationToken cancellationToken)
    {
        var companies = ApplyCompanyRecords(submission);
        var contacts = await ForwardContactsAsync(submission, companies, cancellationToken);

        var writes = contacts.Result.StateWrites;
        if (companies.Changed)
        {
            _merged = MergeRecords();
            UpdateStatusAfterMerge();
            DecideNextStep();
        }

        var notifyLater = false;
        if (contacts.Bound.Count > 0 && state.State.Bitrix24.ContactsNotifiedFor is not null && state.State.Status != CompanySyncStatus.Synced)
        {
            // Contacts bound while the company is on its way back to Bitrix24 (an update, a retry): they learn its id
            // with all the others once it is synced again, so none is left waiting for a notification that never comes.
            state.State.Bitrix24.ContactsNotifiedFor = null;
            notifyLater = true;
        }

        // The reminder that keeps pending work is registered before the state that needs it is written, so no failure in
        // between leaves a company waiting with nothing to wake it; an activation that finds work pending that it has not
        // taken up (the one before it failed after its write) takes it up.
        if (CanProgress && (companies.Changed || !Work.IsScheduled))
        {
            await ScheduleWorkAsync(TimeSpan.Zero);
        }

        // Newly bound contacts of a synced company learn its Bitrix24 id before their links are written: once written, a
        // retry after a failed notification would find the links and bind (and so notify) nobody.
        if (!notifyLater && contacts.Bound.Count > 0 && state.State.Status == CompanySyncStatus.Synced && state.State.Bitrix24.ContactsNotifiedFor is not null)
        {
            await NotifyContactsAsync(contacts.Bound, cancellationToken);
        }

        if (companies.Changed || contacts.InlineLinksChanged || notifyLater)
        {
            state.State.Version++;
            await state.WriteStateAsync(cancellationToken);
            writes++;
        }

        if (companies.Changed || contacts.Bound.Count > 0 || contacts.Unbound.Count > 0)
        {
            await readModel.UpsertCompanyAsync(ReadModelRow() with { ContactsBound = contacts.Bound, ContactsUnbound = contacts.Unbound }, cancellationToken);
        }

        metrics.Merged("company", companies.Applied, companies.Unchanged);
        metrics.Merged("contact", contacts.Result.RecordsApplied, contacts.Result.RecordsUnchanged);
        LogSubmitted(logger, _tin.Value, companies.Applied, companies.Unchanged, contacts.Result.RecordsApplied, writes);
        return new SubmitResult(companies.Applied, companies.Unchanged, 0).Add(contacts.Result with { StateWrites = writes });
    }

    /// <inheritdoc />
    public async Task<CompanySyncSnapshot> GetSyncStateAsync(CancellationToken cancellationToken = default)
    {
        var links = state.State.LinkShards == 0
            ? state.State.Links.Values.ToList()
            : await AllShardLinksAsync(parent: null, cancellationToken);
        return new CompanySyncSnapshot
        {
            Tin = _tin,
            Exists = state.State.Records.Count > 0,
            Status = state.State.Status,
            StatusReason = state.State.StatusReason,
            Merged = _merged,
            Sources = new(state.State.Records.Values.Select(r => r.Record.Source).Order()),
            Contacts = new(links.Select(l => l.Key).Distinct().Order()),
            History = new(state.State.History),
            Version = state.State.Version,
            Verdict = state.State.Verdict,
            RegisterNotFoundAt = state.State.NotFoundAt,
            Bitrix24CompanyId = state.State.Bitrix24.CompanyId,
            Bitrix24Entities = new(
                state.State.Bitrix24.Requisites.Select(r => new Bitrix24EntityId("requisite", r.Key, r.Value))
                    .Concat(state.State.Bitrix24.BankDetails.Select(b => new Bitrix24EntityId("bankdetail", b.Key, b.Value)))
                    .OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Key, StringComparer.Ordinal)),
            LastError = state.State.Bitrix24.LastError,
            NextAttemptAt = state.State.NextAttemptAt,
            Bitrix24AddOutcomeUnknown = state.State.Bitrix24.AddOutcomeUnknown,
        };
    }

    private CompanyApplication ApplyCompanyRecords(CompanySubmission submission)
    {
        var result = new CompanyApplication();
        foreach (var record in submission.Companies)
        {
            if (record.Tin != _tin)
            {
                throw new ArgumentException($"Company {_tin} was given a record of {record.Tin} ({record.Source}).", nameof(submission));
            }

            var key = record.Source.Key;
            var hash = ContentHash.Of(record);
            if (state.State.Records.TryGetValue(key, out var stored))
            {
                var repeat = stored.Hash == hash && stored.Record.Source.ChangedAt == record.Source.ChangedAt;
                if (repeat || !SourceVersions.Supersedes(record, stored.Record))
                {
                    // A repeat or an older version: the contact list it carries is not news either.
                    result.Unchanged++;
                    result.NotNews.Add(key);
                    continue;
                }
            }

            state.State.Records[key] = new StoredCompanyRecord(record, hash);
            result.Applied++;
            result.Changed = true;
            result.Latest[key] = record;
        }

        return result;
    }

    private async Task<ContactForwarding> ForwardContactsAsync(CompanySubmission submission, CompanyApplication companies, CancellationToken cancellationToken)
    {
        var outcome = new ContactForwarding();
        var batches = new Dictionary<ContactKey, List<ContactRecord>>();
        var upserts = new List<ContactLink>();
        var removals = new List<SourceKey>();
        var submitted = new HashSet<SourceKey>();

        var current = await LinksOfAsync(submission.Contacts.Select(c => c.Source.Key), cancellationToken);
        var skipped = 0;
        foreach (var contact in submission.Contacts)
        {
            if (contact.CompanyTin != _tin)
            {
                throw new ArgumentException($"Company {_tin} was given a contact of {contact.CompanyTin} ({contact.Source}).", nameof(submission));
            }

            var source = contact.Source.Key;
            submitted.Add(source);
            if (contact.Parent is { } parent && companies.NotNews.Contains(parent))
            {
                skipped++;
                continue;
            }

            var hash = ContentHash.Of(contact);
            current.TryGetValue(source, out var link);
            if (link is not null && (link.ChangedAt > contact.Source.ChangedAt || (link.Hash == hash && link.ChangedAt == contact.Source.ChangedAt && link.Key == contact.Key)))
            {
                skipped++;
                continue;
            }

            if (link is not null && link.Key != contact.Key)
            {
                // The record now identifies another person (a new e-mail): withdraw it from the contact it was filed under.
                Add(batches, link.Key, Withdrawal(link, contact.Source.ChangedAt));
            }

            Add(batches, contact.Key, contact);
            if (contact.IsDeleted)
            {
                // A deleted record binds the company to nobody: its link goes, so no later withdrawal (a parent's
                // deletion) reaches that source record again once it lives under another company.
                removals.Add(source);
            }
            else
            {
                upserts.Add(new ContactLink(source, contact.Key, contact.Parent, hash, contact.Source.ChangedAt));
            }
        }

        foreach (var parent in submission.CompleteContactLists)
        {
            if (companies.Latest.TryGetValue(parent, out var parentRecord) && !parentRecord.IsDeleted)
            {
                await WithdrawDroppedAsync(parent, parentRecord.Source.ChangedAt, l => !submitted.Contains(l.Source), batches, removals, cancellationToken);
            }
        }

        foreach (var deleted in companies.Latest.Values.Where(r => r.IsDeleted))
        {
            await WithdrawDroppedAsync(deleted.Source.Key, deleted.Source.ChangedAt, _ => true, batches, removals, cancellationToken);
        }

        var results = await Task.WhenAll(batches.Select(b => GrainFactory.GetGrain<IContactGrain>(b.Key.Value).SubmitAsync(new ValueList<ContactRecord>(b.Value), cancellationToken)));
        outcome.Result = results.Aggregate(new SubmitResult(0, skipped, 0), (sum, r) => sum.Add(r));
        var before = state.State.LinkShards == 0 ? LinkedKeys(state.State.Links.Values) : null;
        outcome.InlineLinksChanged = await ApplyLinksAsync(upserts, removals, cancellationToken);
        if (before is not null && state.State.LinkShards == 0)
        {
            var after = LinkedKeys(state.State.Links.Values);
            outcome.Bound = after.Except(before).ToList();
            outcome.Unbound = before.Except(after).ToList();
        }
        else
        {
            // Sharded (or just spilled): binding an already bound key is harmless; an unbinding needs every shard's word.
            outcome.Bound = upserts.Select(u => u.Key.Value).Distinct().ToList();
            var candidates = batches.Where(b => b.Value.Exists(r => r.IsDeleted)).Select(b => b.Key.Value).ToHashSet();
            if (candidates.Count > 0)
            {
                candidates.ExceptWith(LinkedKeys(await AllShardLinksAsync(parent: null, cancellationToken)));
            }

            outcome.Unbound = [.. candidates];
        }

        return outcome;
    }

    private static HashSet<string> LinkedKeys(IEnumerable<ContactLink> links) => links.Select(l => l.Key.Value).ToHashSet(StringComparer.Ordinal);

    private async Task WithdrawDroppedAsync(SourceKey parent, DateTimeOffset at, Func<ContactLink, bool> dropped, Dictionary<ContactKey, List<ContactRecord>> batches, List<SourceKey> removals, CancellationToken cancellationToken)
    {
        var links = state.State.LinkShards == 0
            ? state.State.Links.Values.Where(l => l.Parent == parent).ToList()
            : await AllShardLinksAsync(parent, cancellationToken);
        foreach (var link in links.Where(dropped))
        {
            Add(batches, link.Key, Withdrawal(link, at));
            removals.Add(link.Source);
            LogWithdrawn(logger, _tin.Value, link.Source, parent);
        }
    }

    private ContactRecord Withdrawal(ContactLink link, DateTimeOffset at) => new()
    {
        Source = new SourceRef(link.Source.Store, link.Source.Id, at > link.ChangedAt ? at : link.ChangedAt),
        CompanyTin = _tin,
        Key = link.Key,
        Parent = link.Parent,
        IsDeleted = true,
    };

    private async Task<Dictionary<SourceKey, ContactLink>> LinksOfAsync(IEnumerable<SourceKey> sources, CancellationToken cancellationToken)
    {
        var wanted = sources.ToHashSet();
        if (state.State.LinkShards == 0 || wanted.Count == 0)
        {
            return wanted.Where(state.State.Links.ContainsKey).ToDictionary(s => s, s => state.State.Links[s]);
        }

        var found = await Task.WhenAll(wanted.GroupBy(ShardOf).Select(g => Shard(g.Key).GetLinksAsync(null, cancellationToken)));
        return found.SelectMany(f => f).Where(l => wanted.Contains(l.Source)).ToDictionary(l => l.Source);
    }

    private async Task<List<ContactLink>> AllShardLinksAsync(SourceKey? parent, CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(Enumerable.Range(0, state.State.LinkShards).Select(i => Shard(i).GetLinksAsync(parent, cancellationToken)));
        return all.SelectMany(l => l).ToList();
    }

    /// <summary>Applies link changes; returns whether the inline links (and so this grain's state) changed.</summary>
    private async Task<bool> ApplyLinksAsync(List<ContactLink> upserts, List<SourceKey> removals, CancellationToken cancellationToken)
    {
        if (upserts.Count == 0 && removals.Count == 0)
        {
            return false;
        }

        if (state.State.LinkShards == 0)
        {
            foreach (var link in upserts)
            {
                state.State.Links[link.Source] = link;
            }

            foreach (var source in removals)
            {
                state.State.Links.Remove(source);
            }

            if (state.State.Links.Count <= InlineLinkLimit)
            {
                return true;
            }

            // Spill: from now on the links live in shard grains, and this state stays small whatever the company's size.
            upserts = [.. state.State.Links.Values];
            removals = [];
            state.State.Links.Clear();
            state.State.LinkShards = LinkShardCount;
            LogSpilled(logger, _tin.Value, upserts.Count, LinkShardCount);
            await ApplyToShardsAsync(upserts, removals, cancellationToken);
            return true;
        }

        await ApplyToShardsAsync(upserts, removals, cancellationToken);
        return false;
    }

    private async Task ApplyToShardsAsync(List<ContactLink> upserts, List<SourceKey> removals, CancellationToken cancellationToken)
    {
        var shards = upserts.Select(u => ShardOf(u.Source)).Concat(removals.Select(ShardOf)).Distinct();
        await Task.WhenAll(shards.Select(shard => Shard(shard).ApplyAsync(
            new ValueList<ContactLink>(upserts.Where(u => ShardOf(u.Source) == shard)),
            new ValueList<SourceKey>(removals.Where(r => ShardOf(r) == shard)),
            cancellationToken)));
    }

    private int ShardOf(SourceKey source) => (int)(StableHash.Of(source.ToString()) % (uint)state.State.LinkShards);

    private ICompanyContactLinksGrain Shard(int index) => GrainFactory.GetGrain<ICompanyContactLinksGrain>($"{_tin.Value}/{index}");

    private void UpdateStatusAfterMerge()
    {
        if (_merged is null)
        {
            SetStatus(CompanySyncStatus.Withdrawn, "Every source record of the company is deleted.");
        }
        else if (state.State.History.Count == 0 || state.State.Status == CompanySyncStatus.Withdrawn)
        {
            SetStatus(CompanySyncStatus.Received, null);
        }
    }

    private void SetStatus(CompanySyncStatus status, string? reason)
    {
        if (state.State.Status == status && state.State.StatusReason == reason && state.State.History.Count > 0)
        {
            return;
        }

        state.State.Status = status;
        state.State.StatusReason = reason;
        state.State.History.Add(new StatusChange(status, reason, time.GetUtcNow()));
        if (state.State.History.Count > HistoryLimit)
        {
            state.State.History.RemoveRange(0, state.State.History.Count - HistoryLimit);
        }
    }

    private CompanyReadModelRow ReadModelRow() => new(
        _tin.Value,
        _merged?.Name?.Value.Display,
        state.State.Status,
        state.State.StatusReason,
        Bitrix24CompanyId: state.State.Bitrix24.CompanyId,
        Sources: _merged?.Sources.Count ?? 0,
        LastError: state.State.Bitrix24.LastError,
        UpdatedAt: time.GetUtcNow(),
        Version: state.State.Version);

    private static void Add(Dictionary<ContactKey, List<ContactRecord>> batches, ContactKey key, ContactRecord record)
    {
        if (!batches.TryGetValue(key, out var list))
        {
            batches[key] = list = [];
        }

        list.Add(record);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Company {Tin}: {Applied} company records applied, {Unchanged} unchanged, {ContactsApplied} contact records applied, {Writes} state writes")]
    private static partial void LogSubmitted(ILogger logger, string tin, int applied, int unchanged, int contactsApplied, int writes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Company {Tin}: contact record {Source} withdrawn because {Parent} dropped it")]
    private static partial void LogWithdrawn(ILogger logger, string tin, SourceKey source, SourceKey parent);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Company {Tin}: {Links} contact links moved into {Shards} shard grains")]
    private static partial void LogSpilled(ILogger logger, string tin, int links, int shards);

    private sealed class CompanyApplication
    {
        public int Applied { get; set; }

        public int Unchanged { get; set; }

        public bool Changed { get; set; }

        /// <summary>Company source records of the submission that were repeats or older than what is stored.</summary>
        public HashSet<SourceKey> NotNews { get; } = [];

        /// <summary>Company source records of the submission that were applied.</summary>
        public Dictionary<SourceKey, CompanyRecord> Latest { get; } = [];
    }

    private sealed class ContactForwarding
    {
        public SubmitResult Result { get; set; } = SubmitResult.None;

        public bool InlineLinksChanged { get; set; }

        public List<string> Bound { get; set; } = [];

        public List<string> Unbound { get; set; } = [];
    }
}
