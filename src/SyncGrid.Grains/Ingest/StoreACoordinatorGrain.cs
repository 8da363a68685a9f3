using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// Extracts one store A source into the ingest topic. One activation cluster-wide (it is keyed by the source name),
/// so exactly one poller reads the replica. A reminder keeps it alive and brings it back after a silo loss; a grain
/// timer runs the polls, interleaved so that status calls answer while a poll waits on the replica or on Kafka.
/// Each poll reads every table in keyset pages — first the full extract from the start, then deltas that begin the
/// overlap window behind the watermark — publishes each page, and advances and persists the watermark only after
/// the page is acknowledged. Contacts are extracted after the companies' full extract; from then on, a changed
/// company also republishes its contacts, whose routing follows the company's TIN.
/// </summary>
// A singleton with an in-memory poll loop: Orleans' activation rebalancer and repartitioner must not move it.
[Immovable]
public sealed partial class StoreACoordinatorGrain(
    [PersistentState("store-a-coordinator", GrainStorageNames.Grid)] IPersistentState<StoreACoordinatorState> state,
    IServiceProvider services,
    TimeProvider time,
    StoreAMetrics metrics,
    ILogger<StoreACoordinatorGrain> logger) : Grain, IStoreACoordinatorGrain, IRemindable
{
    /// <summary>The reminder that keeps the coordinator polling.</summary>
    public const string ReminderName = "store-a-poll";

    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly Dictionary<StoreATable, DateTimeOffset> _lastPoll = [];
    private readonly Dictionary<StoreATable, string> _lastError = [];

    // Company rows (id → updated_at) whose contacts were republished: the overlap re-reads them every poll.
    private readonly Dictionary<long, DateTime> _cascaded = [];

    private Task _inFlight = Task.CompletedTask;
    private string _source = string.Empty;
    private IGrainTimer? _timer;
    private bool _reminderRegistered;
    private IStoreAReader? _reader;
    private IStoreARecordPublisher? _publisher;
    private StoreAOptions _options = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _source = this.GetPrimaryKeyString();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureConfigured();
        if (!_reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod, cancellationToken);
            _reminderRegistered = true;
        }

        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollInterval) { Interleave = true, KeepAlive = true });
            LogStarted(logger, _source, _options.Topic);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _timer?.Dispose();
        _timer = null;
        await AwaitInFlightAsync();
        await state.WriteStateAsync(cancellationToken);
        if (await this.GetReminder(ReminderName, cancellationToken) is { } reminder)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }

        _reminderRegistered = false;
        LogStopped(logger, _source);
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task<StoreAStatus> PollNowAsync(CancellationToken cancellationToken = default)
    {
        EnsureConfigured();
        await PollAsync(cancellationToken);
        return Status();
    }

    /// <inheritdoc />
    public Task<StoreAStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status());

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? StartAsync() : Task.CompletedTask;

    private Task TickAsync(CancellationToken cancellationToken) => PollAsync(cancellationToken);

    /// <summary>Runs one poll after the one in flight (the timer's or another caller's): never two at once.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await AwaitInFlightAsync();
        var poll = PollTablesAsync(cancellationToken);
        _inFlight = poll;
        await poll;
    }

    private async Task AwaitInFlightAsync()
    {
        // Calls interleave with the timer, so another poll may start while this one waits: wait until none runs.
        while (!_inFlight.IsCompleted)
        {
            try
            {
                await _inFlight;
            }
            catch (OperationCanceledException)
            {
                // The other poll was cancelled; its watermark is as far as its last acknowledged page.
            }
        }
    }

    private async Task PollTablesAsync(CancellationToken cancellationToken)
    {
        // Contacts are routed by their company's current TIN, so they are read only once every company has been;
        // after that a company read again republishes its contacts.
        var companiesDone = Progress(StoreATable.Companies).FullExtractDone;
        await PollTableAsync(StoreATable.Companies, cascade: companiesDone, cancellationToken);
        if (Progress(StoreATable.Companies).FullExtractDone)
        {
            await PollTableAsync(StoreATable.Contacts, cascade: false, cancellationToken);
        }
    }

    private async Task PollTableAsync(StoreATable table, bool cascade, CancellationToken cancellationToken)
    {
        var progress = Progress(table);
        var pageSize = Math.Min(_options.PageSize, _reader!.MaxPageSize);
        var cursor = progress.FullExtractDone ? progress.Watermark.Behind(_options.OverlapWindow) : progress.Watermark;
        var name = table.Name();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = await _reader.ReadPageAsync(table, cursor, pageSize, cancellationToken);
                progress.RowsRead += rows.Count;
                metrics.Rows(name, "read", rows.Count);
                if (rows.Count == 0)
                {
                    break;
                }

                var records = rows.Select(r => StoreARecord.Of(StoreAEnvelope.Of(r, _zone))).ToList();
                var followers = cascade ? await ContactsOfAsync(rows, records, pageSize, cancellationToken) : 0;
                await _publisher!.PublishAsync(_options.Topic, records, cancellationToken);
                progress.RowsPublished += rows.Count;
                metrics.Rows(name, "published", rows.Count);
                if (followers > 0)
                {
                    Progress(StoreATable.Contacts).RowsPublished += followers;
                    metrics.Rows(StoreATable.Contacts.Name(), "published", followers);
                }

                if (cascade)
                {
                    foreach (var row in rows)
                    {
                        _cascaded[row.Id] = row.UpdatedAt;
                    }
                }

                cursor = rows[^1].Position;
                if (cursor > progress.Watermark)
                {
                    // Only now, with the page acknowledged, may the watermark pass it.
                    progress.Watermark = cursor;
                    await state.WriteStateAsync(cancellationToken);
                }

                LogPage(logger, name, rows.Count, followers, cursor);
                if (rows.Count < pageSize)
                {
                    break;
                }
            }

            if (!progress.FullExtractDone)
            {
                progress.FullExtractDone = true;
                await state.WriteStateAsync(cancellationToken);
                LogFullExtractDone(logger, _source, name, progress.RowsPublished);
            }

            if (cascade)
            {
                ForgetCascadedBefore(progress.Watermark.Behind(_options.OverlapWindow).UpdatedAt);
            }

            _lastPoll[table] = time.GetUtcNow();
            _lastError.Remove(table);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _lastError[table] = $"{ex.GetType().Name}: {ex.Message}";
            LogPollFailed(logger, ex, _source, name);
        }
    }

    /// <summary>Adds to <paramref name="records"/> the contacts of the companies not republished at this version yet.</summary>
    private async Task<int> ContactsOfAsync(IReadOnlyList<StoreARow> companies, List<StoreARecord> records, int pageSize, CancellationToken cancellationToken)
    {
        var ids = companies.Where(c => !_cascaded.TryGetValue(c.Id, out var at) || at != c.UpdatedAt).Select(c => c.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var contacts = Progress(StoreATable.Contacts);
        var after = long.MinValue;
        var count = 0;
        while (true)
        {
            var page = await _reader!.ReadContactsOfCompaniesAsync(ids, after, pageSize, cancellationToken);
            contacts.RowsRead += page.Count;
            metrics.Rows(StoreATable.Contacts.Name(), "read", page.Count);
            records.AddRange(page.Select(r => StoreARecord.Of(StoreAEnvelope.Of(r, _zone))));
            count += page.Count;
            if (page.Count < pageSize)
            {
                return count;
            }

            after = page[^1].Id;
        }
    }

    private void ForgetCascadedBefore(DateTime updatedAt)
    {
        foreach (var id in _cascaded.Where(c => c.Value < updatedAt).Select(c => c.Key).ToList())
        {
            _cascaded.Remove(id);
        }
    }

    private StoreATableProgress Progress(StoreATable table)
    {
        var name = table.Name();
        if (!state.State.Tables.TryGetValue(name, out var progress))
        {
            state.State.Tables[name] = progress = new StoreATableProgress();
        }

        return progress;
    }

    private StoreAStatus Status() => new()
    {
        Source = _source,
        Running = _timer is not null,
        Tables = new ValueList<StoreATableStatus>(StoreATables.All.Select(table =>
        {
            var progress = Progress(table);
            return new StoreATableStatus
            {
                Table = table.Name(),
                WatermarkUpdatedAt = progress.WatermarkUpdatedAt,
                WatermarkId = progress.WatermarkId,
                RowsRead = progress.RowsRead,
                RowsPublished = progress.RowsPublished,
                LastPollAt = _lastPoll.TryGetValue(table, out var at) ? at : null,
                LastError = _lastError.GetValueOrDefault(table),
                FullExtractDone = progress.FullExtractDone,
            };
        })),
    };

    private void EnsureConfigured()
    {
        if (_reader is not null)
        {
            return;
        }

        _publisher = services.GetService<IStoreARecordPublisher>();
        var reader = services.GetService<IStoreAReader>();
        if (reader is null || _publisher is null)
        {
            throw new InvalidOperationException($"Store A is not configured on this silo: set {StoreAOptions.Section}:ConnectionString (and Kafka:BootstrapServers).");
        }

        _options = services.GetRequiredService<IOptions<StoreAOptions>>().Value;
        _zone = _options.SourceTimeZone();
        _reader = reader;
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Store A source {Source}: polling started, publishing to {Topic}")]
    private static partial void LogStarted(ILogger logger, string source, string topic);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Store A source {Source}: polling stopped")]
    private static partial void LogStopped(ILogger logger, string source);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Debug, Message = "Store A {Table}: published {Rows} rows and {Contacts} contacts of changed companies, up to {Position}")]
    private static partial void LogPage(ILogger logger, string table, int rows, int contacts, StoreAPosition position);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Information, Message = "Store A source {Source}: full extract of {Table} done, {Rows} rows published")]
    private static partial void LogFullExtractDone(ILogger logger, string source, string table, long rows);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "Store A source {Source}: polling {Table} failed; the watermark stays and the next poll retries")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string source, string table);
}
