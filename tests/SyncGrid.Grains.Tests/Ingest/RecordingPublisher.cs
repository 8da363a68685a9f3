using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>Keeps what the coordinator publishes; <see cref="Before"/> can fail or hold a publish.</summary>
public sealed class RecordingPublisher : IStoreARecordPublisher
{
    private readonly Lock _lock = new();
    private readonly List<StoreARecord> _published = [];

    public Func<IReadOnlyList<StoreARecord>, Task>? Before { get; set; }

    public IReadOnlyList<StoreARecord> Published
    {
        get
        {
            lock (_lock)
            {
                return [.. _published];
            }
        }
    }

    public string? Topic { get; private set; }

    public void Reset()
    {
        lock (_lock)
        {
            _published.Clear();
            Before = null;
        }
    }

    public async Task PublishAsync(string topic, IReadOnlyList<StoreARecord> records, CancellationToken cancellationToken = default)
    {
        if (Before is { } before)
        {
            await before(records);
        }

        lock (_lock)
        {
            Topic = topic;
            _published.AddRange(records);
        }
    }
}
