namespace SyncGrid.Sources.StoreA;

/// <summary>
/// Keeps reads under a number of rows in any one second (a sliding window): a read of <c>n</c> rows waits until the
/// rows acquired in the last second plus <c>n</c> fit the rate. Rows acquired but not returned are given back.
/// Thread-safe.
/// </summary>
public sealed class StoreARowPacer : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time;
    private readonly Queue<Grant> _grants = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _inWindow;

    /// <summary>Creates a pacer of <paramref name="rowsPerSecond"/> rows per second.</summary>
    public StoreARowPacer(int rowsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSecond, 1);
        ArgumentNullException.ThrowIfNull(time);
        RowsPerSecond = rowsPerSecond;
        _time = time;
    }

    /// <summary>The most rows in any one second.</summary>
    public int RowsPerSecond { get; }

    /// <summary>Waits until <paramref name="rows"/> (at most <see cref="RowsPerSecond"/>) may be read now, and takes them.</summary>
    public async Task<Grant> AcquireAsync(int rows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, RowsPerSecond);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _time.GetTimestamp();
                TimeSpan wait;
                lock (_grants)
                {
                    while (_grants.TryPeek(out var oldest) && _time.GetElapsedTime(oldest.At, now) >= Window)
                    {
                        _grants.Dequeue();
                        _inWindow -= oldest.Rows;
                    }

                    if (_inWindow + rows <= RowsPerSecond)
                    {
                        var grant = new Grant(this, now, rows);
                        _grants.Enqueue(grant);
                        _inWindow += rows;
                        return grant;
                    }

                    wait = Window - _time.GetElapsedTime(_grants.Peek().At, now);
                }

                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private void GiveBack(Grant grant, int unused)
    {
        lock (_grants)
        {
            var back = Math.Min(unused, grant.Rows);
            if (back <= 0 || !_grants.Contains(grant))
            {
                return;
            }

            grant.Rows -= back;
            _inWindow -= back;
        }
    }

    /// <summary>Rows taken at one time; <see cref="Return"/> gives back the ones a read did not use.</summary>
    public sealed class Grant
    {
        private readonly StoreARowPacer _pacer;

        internal Grant(StoreARowPacer pacer, long at, int rows)
        {
            _pacer = pacer;
            At = at;
            Rows = rows;
        }

        internal long At { get; }

        /// <summary>The rows this grant still counts.</summary>
        public int Rows { get; internal set; }

        /// <summary>Gives back rows that were not read.</summary>
        public void Return(int unused) => _pacer.GiveBack(this, unused);
    }
}
