using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// One Kafka record as a stream batch. Its token's sequence number is the record's partition offset, and event i of the
/// record gets event index i, so tokens order like offsets within a partition (one partition = one queue).
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Kafka.Streams.KafkaBatchContainer")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext, long offset)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        Token = new EventSequenceTokenV2(offset);
    }

    [Id(0)] public StreamId StreamId { get; }
    [Id(1)] public List<object> Events { get; }
    [Id(2)] public Dictionary<string, object>? RequestContext { get; }
    [Id(3)] public EventSequenceTokenV2 Token { get; }

    /// <summary>The record's offset in its partition.</summary>
    public long Offset => Token.SequenceNumber;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.Select((e, i) => (Event: e, Index: i))
            .Where(x => x.Event is T)
            .Select(x => Tuple.Create((T)x.Event, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(x.Index)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"[KafkaBatchContainer {StreamId} @{Offset}, {Events.Count} events]";
}
