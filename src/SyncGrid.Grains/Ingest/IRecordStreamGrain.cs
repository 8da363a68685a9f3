namespace SyncGrid.Grains.Ingest;

/// <summary>
/// A bucket of an extractor topic's records (stream <c>(topic, "partition.bucket")</c>): receives them through its
/// implicit stream subscription and has no methods of its own.
/// </summary>
[Alias("SyncGrid.Grains.Ingest.IRecordStreamGrain")]
public interface IRecordStreamGrain : IGrainWithStringKey;
