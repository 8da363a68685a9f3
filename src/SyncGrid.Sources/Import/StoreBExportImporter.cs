using System.ComponentModel.DataAnnotations;
using System.Diagnostics;

namespace SyncGrid.Sources.Import;

/// <summary>
/// Imports one store B export file into Kafka: reads it as a stream (<see cref="StoreBExportReader"/>), publishes each
/// partner as a <see cref="StoreBExportEnvelope"/> in batches, and moves the file's checkpoint only after a batch is
/// acknowledged. A run resumes after the checkpoint; whatever was published after it and before a crash is published
/// again, which the ingest grains absorb (a repeated partner version changes nothing).
/// </summary>
/// <remarks>
/// Reading and publishing overlap: while one batch is being acknowledged the next is read, and a batch is handed to
/// the publisher only after the previous one is acknowledged and checkpointed. So at most one batch is ever published
/// but not checkpointed — the most a crash makes the next run publish again. Cancelling stops the reading; a batch
/// already handed to the publisher finishes (within the publisher's own delivery timeout) and is checkpointed.
/// Memory stays flat: the reader holds one buffer, the importer at most two batches.
/// </remarks>
public sealed class StoreBExportImporter(IImportPublisher publisher, ISourceCheckpointStore checkpoints, TimeProvider time)
{
    /// <summary>The <see cref="SourceCheckpoint.Source"/> of store B export files.</summary>
    public const string CheckpointSource = "store-b-export";

    private readonly IImportPublisher _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    private readonly ISourceCheckpointStore _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Imports the file of <paramref name="request"/>, from its checkpoint on.</summary>
    /// <param name="request">The file and how to import it.</param>
    /// <param name="progress">Called with a snapshot every <see cref="StoreBImportRequest.ProgressInterval"/> and once at the end, on the importing thread.</param>
    /// <param name="cancellationToken">Stops reading (see the remarks); the task then throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ValidationException">The request is invalid.</exception>
    public async Task<ImportSummary> ImportAsync(StoreBImportRequest request, Action<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validator.ValidateObject(request, new ValidationContext(request), validateAllProperties: true);
        var started = Stopwatch.GetTimestamp();
        var identity = await ExportFileIdentity.ComputeAsync(request.Path, cancellationToken).ConfigureAwait(false);
        if (request.Restart)
        {
            await _checkpoints.DeleteAsync(CheckpointSource, identity.Id, cancellationToken).ConfigureAwait(false);
        }

        var checkpoint = await _checkpoints.GetAsync(CheckpointSource, identity.Id, cancellationToken).ConfigureAwait(false);
        if (checkpoint?.CompletedAt is not null)
        {
            return new ImportSummary
            {
                File = identity.Name,
                FileId = identity.Id,
                Topic = request.Topic,
                Outcome = ImportOutcome.AlreadyCompleted,
                ResumedAfter = checkpoint.LastIndex,
                TotalRecords = checkpoint.Records,
                LastIndex = checkpoint.LastIndex,
                FileBytes = identity.Size,
                Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            };
        }

        var now = _time.GetUtcNow();
        var run = new Run(this, request, identity, checkpoint ?? new SourceCheckpoint
        {
            Source = CheckpointSource,
            Identity = identity.Id,
            Name = identity.Name,
            Size = identity.Size,
            StartedAt = now,
            UpdatedAt = now,
        }, started);
        return await run.ExecuteAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One run's state: the reading side (this class's loop) and the publishing side (one batch task at a time).</summary>
    private sealed class Run(StoreBExportImporter owner, StoreBImportRequest request, ExportFileIdentity identity, SourceCheckpoint checkpoint, long started)
    {
        private SourceCheckpoint _checkpoint = checkpoint;
        private long _published;
        private long _rejectedPublished;
        private int _batches;
        private long _firstPublish;

        public async Task<ImportSummary> ExecuteAsync(Action<ImportProgress>? progress, CancellationToken cancellationToken)
        {
            var resumedAfter = _checkpoint.LastIndex >= 0 ? _checkpoint.LastIndex : (long?)null;
            var fallback = request.FallbackTime ?? new DateTimeOffset(File.GetLastWriteTimeUtc(request.Path), TimeSpan.Zero);
            var reader = new StoreBExportReader(new StoreBExportOptions
            {
                Encoding = request.Encoding,
                ResumeAt = resumedAfter is { } after ? new StoreBExportResumePoint(after, _checkpoint.ByteOffset) : null,
                SourceName = identity.Name,
                BufferSize = request.BufferSize,
            });

            var file = new CountingStream(new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan));
            await using (file.ConfigureAwait(false))
            {
                var read = 0L;
                var rejected = 0L;
                string? error = null;
                var lastReport = Stopwatch.GetTimestamp();
                var batch = new Batch(request.BatchSize);
                Task? inFlight = null;
                try
                {
                    await foreach (var item in reader.ReadAsync(file, fallback, cancellationToken).ConfigureAwait(false))
                    {
                        read++;
                        if (item.Result is Rejected rejection)
                        {
                            rejected++;
                            batch.Rejected++;
                            if (item.EndsRead)
                            {
                                error = rejection.ToString();
                            }
                        }

                        batch.Add(StoreBExportEnvelope.Create(item, identity, fallback), item);
                        if (batch.Records.Count >= request.BatchSize)
                        {
                            if (inFlight is not null)
                            {
                                await inFlight.ConfigureAwait(false);
                            }

                            inFlight = PublishAsync(batch);
                            batch = new Batch(request.BatchSize);
                        }

                        if (progress is not null && Stopwatch.GetElapsedTime(lastReport) >= request.ProgressInterval)
                        {
                            lastReport = Stopwatch.GetTimestamp();
                            progress(Snapshot(file, read, rejected));
                        }
                    }
                }
                catch
                {
                    // A batch already handed to the publisher still gets its acknowledgement and checkpoint; the read's
                    // own failure (or cancellation) is what the caller sees.
                    await DrainAsync(inFlight).ConfigureAwait(false);
                    throw;
                }

                if (inFlight is not null)
                {
                    await inFlight.ConfigureAwait(false);
                }

                if (batch.Records.Count > 0)
                {
                    await PublishAsync(batch).ConfigureAwait(false);
                }

                var completed = _checkpoint with { CompletedAt = owner._time.GetUtcNow(), UpdatedAt = owner._time.GetUtcNow() };
                await owner._checkpoints.SaveAsync(completed, CancellationToken.None).ConfigureAwait(false);
                _checkpoint = completed;
                progress?.Invoke(Snapshot(file, read, rejected));
                return new ImportSummary
                {
                    File = identity.Name,
                    FileId = identity.Id,
                    Topic = request.Topic,
                    Outcome = error is null ? ImportOutcome.Completed : ImportOutcome.Broken,
                    ResumedAfter = resumedAfter,
                    Jumped = file.Skipped > 0,
                    Published = Interlocked.Read(ref _published),
                    Rejected = Interlocked.Read(ref _rejectedPublished),
                    TotalRecords = _checkpoint.Records,
                    Batches = _batches,
                    LastIndex = _checkpoint.LastIndex,
                    FileBytes = identity.Size,
                    BytesRead = file.BytesRead,
                    Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
                    FirstPublishSeconds = _firstPublish == 0 ? null : Stopwatch.GetElapsedTime(started, _firstPublish).TotalSeconds,
                    Error = error,
                };
            }
        }

        private static async Task DrainAsync(Task? inFlight)
        {
            if (inFlight is null)
            {
                return;
            }

            try
            {
                await inFlight.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already failing; the batch's own error would only hide the first one. Its checkpoint did not move.
            }
        }

        /// <summary>Publishes one batch and then moves the checkpoint past it; never cancelled once started (see the class remarks).</summary>
        private async Task PublishAsync(Batch batch)
        {
            await owner._publisher.PublishAsync(request.Topic, batch.Records, CancellationToken.None).ConfigureAwait(false);
            if (_firstPublish == 0)
            {
                _firstPublish = Stopwatch.GetTimestamp();
            }

            var next = _checkpoint with
            {
                LastIndex = batch.LastIndex,
                ByteOffset = batch.LastOffset,
                Records = _checkpoint.Records + batch.Records.Count,
                Rejected = _checkpoint.Rejected + batch.Rejected,
                UpdatedAt = owner._time.GetUtcNow(),
            };
            await owner._checkpoints.SaveAsync(next, CancellationToken.None).ConfigureAwait(false);
            _checkpoint = next;
            Interlocked.Add(ref _published, batch.Records.Count);
            Interlocked.Add(ref _rejectedPublished, batch.Rejected);
            _batches++;
        }

        private ImportProgress Snapshot(CountingStream file, long read, long rejected) =>
            new(identity.Name, identity.Size, file.Position, file.Skipped, read, Interlocked.Read(ref _published), rejected, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A read-only file stream that counts the bytes really read, so a jump over the checkpointed stretch shows as skipped bytes.</summary>
    private sealed class CountingStream(FileStream inner) : Stream
    {
        public long BytesRead { get; private set; }

        /// <summary>Bytes of the file before the current position that were never read: what a jump skipped.</summary>
        public long Skipped => Math.Max(0, Position - BytesRead);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }

    /// <summary>Records of one batch and the position of its last partner.</summary>
    private sealed class Batch(int capacity)
    {
        public List<ImportRecord> Records { get; } = new(capacity);

        public long LastIndex { get; private set; } = -1;

        public long LastOffset { get; private set; }

        public int Rejected { get; set; }

        public void Add(ImportRecord record, StoreBExportItem item)
        {
            Records.Add(record);
            LastIndex = item.Index;
            LastOffset = item.ByteOffset;
        }
    }
}
