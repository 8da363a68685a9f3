using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// A stream batch read from one partition: a record the stream adapter produced (its events), or consecutive extractor
/// records of one stream bucket (one <see cref="SyncGrid.Abstractions.RawRecord"/> event each). Its token's sequence
/// number is the first record's partition offset and event i gets event index i, so tokens order like offsets within
/// a stream (one partition = one queue). <see cref="LastOffset"/> is the last record's offset.
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Kafka.Streams.KafkaBatchContainer")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext, long offset, long? lastOffset = null)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        Token = new EventSequenceTokenV2(offset);
        LastOffset = lastOffset ?? offset;
    }

    [Id(0)] public StreamId StreamId { get; }
    [Id(1)] public List<object> Events { get; }
    [Id(2)] public Dictionary<string, object>? RequestContext { get; }
    [Id(3)] public EventSequenceTokenV2 Token { get; }

    /// <summary>The offset of the (first) record in its partition.</summary>
    public long Offset => Token.SequenceNumber;

    /// <summary>The offset of the last record in the batch (<see cref="Offset"/> for a single record).</summary>
    [Id(4)] public long LastOffset { get; }

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

    public override string ToString() => $"[KafkaBatchContainer {StreamId} @{Offset}..{LastOffset}, {Events.Count} events]";
}
