namespace SyncGrid.IntegrationTests.Sql;

/// <summary>The counter's value and the silo whose activation answered.</summary>
[GenerateSerializer, Alias("SyncGrid.IntegrationTests.Sql.CounterReading")]
public sealed record CounterReading([property: Id(0)] int Value, [property: Id(1)] SiloAddress Silo);
