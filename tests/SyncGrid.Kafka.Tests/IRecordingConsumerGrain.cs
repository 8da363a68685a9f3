namespace SyncGrid.Kafka.Tests;

[Alias("SyncGrid.Kafka.Tests.IRecordingConsumerGrain")]
public interface IRecordingConsumerGrain : IGrainWithStringKey
{
    [Alias("GetSeqs")] Task<IReadOnlyCollection<int>> GetSeqsAsync(CancellationToken cancellationToken = default);
}
