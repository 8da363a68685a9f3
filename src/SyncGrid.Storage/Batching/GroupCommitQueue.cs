using System.Diagnostics;
using System.Threading.Channels;

namespace SyncGrid.Storage.Batching;

/// <summary>
/// Group commit: callers enqueue one item each and await its result; a few workers take whatever has accumulated
/// (up to <c>maxBatchSize</c>) and execute it as one batch. Under light load a batch is a single item and nothing waits;
/// under load the batches fill while the previous ones run, so the number of round trips falls as the load rises.
/// </summary>
internal sealed class GroupCommitQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _execute;
    private readonly int _maxBatchSize;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<int, TimeSpan>? _observeBatch;
    private readonly Task[] _workers;

    /// <param name="execute">Executes one batch; returns one result per item, in order.</param>
    /// <param name="maxBatchSize">Most items per batch.</param>
    /// <param name="concurrency">Batches executed at once.</param>
    /// <param name="observeBatch">Told the size and duration of every executed batch (metrics).</param>
    public GroupCommitQueue(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> execute, int maxBatchSize, int concurrency,
        Action<int, TimeSpan>? observeBatch = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _execute = execute;
        _maxBatchSize = maxBatchSize;
        _observeBatch = observeBatch;
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Batches executed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items executed so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Items enqueued and not yet taken into a batch.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    private long _batches;
    private long _items;
    private long _waiting;

    /// <summary>Enqueues one item; completes with its result when its batch has executed.</summary>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _waiting);
        if (!_channel.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(GroupCommitQueue<TItem, TResult>), "The storage is shutting down.");
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }

        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        var batch = new List<Pending>(_maxBatchSize);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Interlocked.Add(ref _waiting, -batch.Count);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var results = await _execute(batch.Select(p => p.Item).ToList(), _stopping.Token).ConfigureAwait(false);

                // Count and observe before releasing the callers, so whoever awaited a write sees it in the figures.
                _observeBatch?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _items, batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
