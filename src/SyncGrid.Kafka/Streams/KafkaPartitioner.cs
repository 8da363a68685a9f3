namespace SyncGrid.Kafka.Streams;

/// <summary>
/// The stable stream-to-partition function: FNV-1a (32 bit) over the stream key's bytes, modulo the partition count.
/// The same key lands on the same partition in every process and every release (never <c>string.GetHashCode</c>).
/// </summary>
public static class KafkaPartitioner
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The partition, 0..<paramref name="partitionCount"/>-1, for <paramref name="key"/>.</summary>
    public static int PartitionFor(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = OffsetBasis;
        foreach (var b in key)
        {
            hash = (hash ^ b) * Prime;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
