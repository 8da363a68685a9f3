namespace SyncGrid.IntegrationTests.Sql;

/// <summary>The counter's stored state, written with the Orleans binary serializer.</summary>
[GenerateSerializer, Alias("SyncGrid.IntegrationTests.Sql.SqlTestCounterState")]
public sealed class SqlTestCounterState
{
    [Id(0)]
    public int Value { get; set; }

    /// <summary>How many reminder ticks the grain has received.</summary>
    [Id(1)]
    public int Ticks { get; set; }
}
