namespace SyncGrid.Abstractions;

/// <summary>
/// One record an extractor published to a Kafka topic, as the stream provider delivers it: the message key (the source
/// record's key: a partner id, a store A row key), the value as published, and where it was read (partition and
/// offset), which rejects quote as the record's transport position. Records of many keys travel together in one stream
/// event, in partition order.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RawRecord")]
public sealed record RawRecord(
    [property: Id(0)] byte[] Key,
    [property: Id(1)] byte[] Value,
    [property: Id(2)] int Partition,
    [property: Id(3)] long Offset);
