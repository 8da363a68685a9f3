using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>The latest version of one company source record and its content hash.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Grains.StoredCompanyRecord")]
public sealed record StoredCompanyRecord([property: Id(0)] CompanyRecord Record, [property: Id(1)] string Hash);
