using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>The latest version of one contact source record and its content hash.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Grains.StoredContactRecord")]
public sealed record StoredContactRecord([property: Id(0)] ContactRecord Record, [property: Id(1)] string Hash);
