using Orleans.Streams;

namespace SyncGrid.Kafka.Tests;

/// <summary>Implicitly subscribed to every stream in <see cref="KafkaTestNames.Namespace"/>; keeps what it received in grain state, by offset.</summary>
[ImplicitStreamSubscription(KafkaTestNames.Namespace)]
public sealed class RecordingConsumerGrain(
    [PersistentState("received", KafkaTestNames.Storage)] IPersistentState<RecordingState> state,
    DeliveryProbe probe, ILocalSiloDetails silo) : Grain, IRecordingConsumerGrain, IAsyncObserver<TestEvent>
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(KafkaTestNames.Provider).GetStream<TestEvent>(StreamId.Create(KafkaTestNames.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    public Task<IReadOnlyCollection<int>> GetSeqsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<int>>([.. state.State.SeqByOffset.Values.Distinct()]);

    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var offset = token?.SequenceNumber ?? throw new InvalidOperationException($"Event {item} arrived without a token.");
        if (!probe.Attempt(item, offset, silo.Name))
        {
            throw new InvalidOperationException($"Consumer told to fail on {item} at offset {offset}.");
        }

        if (state.State.SeqByOffset.TryAdd(offset, item.Seq))
        {
            await state.WriteStateAsync();
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
