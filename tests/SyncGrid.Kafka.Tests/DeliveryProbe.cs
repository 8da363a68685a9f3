using System.Collections.Concurrent;

namespace SyncGrid.Kafka.Tests;

/// <summary>What every consumer grain in every silo of a test saw, shared between the test and its in-process silos.</summary>
public sealed class DeliveryProbe
{
    private readonly ConcurrentDictionary<(string Stream, int Seq), int> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _bySilo = new();
    private readonly ConcurrentBag<long> _offsets = [];
    private volatile Func<TestEvent, bool>? _failWhen;

    /// <summary>While set, the consumer throws for matching events (delivery fails and is retried by the pulling agent).</summary>
    public Func<TestEvent, bool>? FailWhen { get => _failWhen; set => _failWhen = value; }

    public int Distinct => _deliveries.Count;

    public int Total => _deliveries.Values.Sum();

    public IReadOnlyDictionary<string, int> BySilo => _bySilo;

    public IReadOnlyCollection<long> Offsets => _offsets;

    public int FailedAttempts { get; private set; }

    public bool Seen(string stream, int seq) => _deliveries.ContainsKey((stream, seq));

    /// <summary>Records an attempt; returns false when the consumer must fail it.</summary>
    public bool Attempt(TestEvent item, long offset, string silo)
    {
        if (_failWhen?.Invoke(item) == true)
        {
            FailedAttempts++;
            return false;
        }

        _deliveries.AddOrUpdate((item.Stream, item.Seq), 1, static (_, n) => n + 1);
        _bySilo.AddOrUpdate(silo, 1, static (_, n) => n + 1);
        _offsets.Add(offset);
        return true;
    }
}
