using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Orleans.Storage;
using SyncGrid.Abstractions;
using SyncGrid.Grains;
using SyncGrid.Sources.StoreA;
using SyncGrid.Storage.GrainState;

namespace SyncGrid.Cli.Demo;

/// <summary>The unchanged re-run: the same input again after convergence must change nothing.</summary>
public sealed partial class PipelineRun
{
    private bool _converged;
    private long _storeARowsRepublished;

    /// <summary>
    /// After <see cref="RunAsync"/> has converged, feeds every source's records again, unchanged — store A's rows read
    /// from the replica from the start and published to its topic as the coordinator's full extract does, every export
    /// file from its start, every SAP event — waits until the grid has committed all of it and gone quiet, and reports
    /// what that caused: grain state writes (the grid storage's own count on every silo, and by state the versions
    /// stored in MariaDB) and Bitrix24 commands (counted by the portal and by the gateway).
    /// </summary>
    /// <param name="progress">Called about once a second with a fresh snapshot.</param>
    /// <param name="cancellationToken">Stops the re-run.</param>
    public async Task<RerunReport> RerunUnchangedAsync(Action<PipelineSnapshot>? progress, CancellationToken cancellationToken)
    {
        if (!_converged)
        {
            throw new InvalidOperationException("The unchanged re-run needs a converged run: call RunAsync first.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var token = timeout.Token;
        var grains = Primary.Services.GetRequiredService<IGrainFactory>();
        var writesBefore = StorageWrites();
        var handledBefore = _ingested!.Counts();
        var versionsBefore = await StoredVersionsAsync(token);
        var portalBefore = Portal?.Counts();
        var gatewayBefore = Portal is null ? null : await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(token);

        Stage = "re-running unchanged input";
        Interlocked.Exchange(ref _exportsPublished, 0);
        Interlocked.Exchange(ref _exportsRejected, 0);
        Interlocked.Exchange(ref _eventsPublished, 0);
        Interlocked.Exchange(ref _storeARowsRepublished, 0);
        var started = _clock.Elapsed;
        var feed = Task.WhenAll(FeedAsync(again: true, token), RepublishStoreAAsync(token));
        PipelineSnapshot snapshot;
        var stableSince = _clock.Elapsed;
        var drained = false;
        (long Portal, long Commands, long Writes) last = (-1, -1, -1);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), token);
            if (feed.IsFaulted)
            {
                await feed;
            }

            snapshot = await SnapshotAsync(feed.IsCompleted, token);
            progress?.Invoke(snapshot);

            // Quiet: everything fed again has been committed (so the grains have handled it), and since then for a while
            // no entity, no command and no state write. The replica's overlap window keeps republishing its newest rows
            // meanwhile, so the lag need not stay at zero.
            drained |= snapshot.SourcesDrained;
            var signal = (snapshot.PortalEntities.Values.Sum(), snapshot.Gateway?.Commands ?? 0, StorageWrites() ?? 0);
            if (!drained || signal != last || snapshot.GatewayQueue > 0 || snapshot.CompaniesPending > 0)
            {
                last = signal;
                stableSince = _clock.Elapsed;
            }
            else if (_clock.Elapsed - stableSince >= TimeSpan.FromSeconds(5))
            {
                break;
            }
        }

        await feed;
        var seconds = (_clock.Elapsed - started).TotalSeconds;
        var versionsAfter = await StoredVersionsAsync(token);
        var portalAfter = Portal?.Counts();
        var gatewayAfter = Portal is null ? null : await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(token);
        var check = Portal is not null ? PortalCheck.Run(Portal, Generated!.Expected, snapshot, storeAIncluded: StoreASkipped is null) : null;
        Stage = "done";
        return new RerunReport
        {
            Seconds = seconds,
            StoreARows = Interlocked.Read(ref _storeARowsRepublished),
            ExportPartners = snapshot.ExportsPublished,
            Events = snapshot.EventsPublished,
            IngestRecordsByOutcome = _ingested.Counts().Select(c => (c.Key, Count: c.Value - handledBefore.GetValueOrDefault(c.Key)))
                .Where(c => c.Count != 0).ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal),
            GridStateWrites = StorageWrites() - writesBefore,
            StateWritesByState = versionsAfter.Keys.Union(versionsBefore.Keys)
                .ToDictionary(name => name, name => versionsAfter.GetValueOrDefault(name) - versionsBefore.GetValueOrDefault(name), StringComparer.Ordinal),
            Bitrix24Commands = portalAfter is null ? null : portalAfter.Commands - portalBefore!.Commands,
            GatewayCommands = gatewayAfter is null ? null : gatewayAfter.Commands - gatewayBefore!.Commands,
            PortalEntitiesBefore = portalBefore?.EntityCounts ?? new Dictionary<string, int>(),
            PortalEntitiesAfter = portalAfter?.EntityCounts ?? new Dictionary<string, int>(),
            Final = snapshot,
            Check = check,
        };
    }

    /// <summary>Store A's rows again, from the start of each table, as the coordinator's full extract publishes them.</summary>
    private async Task RepublishStoreAAsync(CancellationToken cancellationToken)
    {
        var services = Primary.Services;
        if (StoreASkipped is not null || services.GetService<IStoreAReader>() is not { } reader || services.GetService<IStoreARecordPublisher>() is not { } publisher)
        {
            return;
        }

        var options = services.GetRequiredService<IOptions<StoreAOptions>>().Value;
        var zone = options.SourceTimeZone();
        var pageSize = Math.Min(options.PageSize, reader.MaxPageSize);
        foreach (var table in StoreATables.All)
        {
            var cursor = StoreAPosition.Start;
            while (true)
            {
                var rows = await reader.ReadPageAsync(table, cursor, pageSize, cancellationToken);
                if (rows.Count == 0)
                {
                    break;
                }

                await publisher.PublishAsync(options.Topic, rows.Select(r => StoreARecord.Of(StoreAEnvelope.Of(r, zone))).ToList(), cancellationToken);
                Interlocked.Add(ref _storeARowsRepublished, rows.Count);
                cursor = rows[^1].Position;
                if (rows.Count < pageSize)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Grain states the grid storage of every silo has written so far; null when the grid is not on MariaDB.</summary>
    private long? StorageWrites()
    {
        long? total = null;
        foreach (var silo in _silos)
        {
            if (silo.Services.GetKeyedService<IGrainStorage>(GrainStorageNames.Grid) is MariaDbGrainStorage storage)
            {
                total = (total ?? 0) + storage.WriteStatistics.States;
            }
        }

        return total;
    }

    /// <summary>
    /// The sum of the stored versions per state name: every successful write adds one, so the difference between two
    /// readings is the writes in between, by kind of grain. Empty when the grid is not on MariaDB.
    /// </summary>
    private async Task<Dictionary<string, long>> StoredVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        if (_options.GridConnectionString is not { } connectionString)
        {
            return versions;
        }

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT state_name, CAST(SUM(version) AS SIGNED) FROM syncgrid_grain_state GROUP BY state_name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}
