namespace SyncGrid.Kafka.Tests;

/// <summary>The event the stream tests publish: event <see cref="Seq"/> of stream <see cref="Stream"/>.</summary>
[GenerateSerializer, Alias("SyncGrid.Kafka.Tests.TestEvent")]
public sealed record TestEvent([property: Id(0)] string Stream, [property: Id(1)] int Seq);
