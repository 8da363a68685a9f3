namespace SyncGrid.Domain.Records;

/// <summary>The systems records come from.</summary>
[GenerateSerializer, Alias("SyncGrid.SourceStore")]
public enum SourceStore
{
    /// <summary>Store A: the legacy MySQL database, read through a replica.</summary>
    StoreA = 1,

    /// <summary>Store B: SAP CRM, change events on Kafka and JSON export files.</summary>
    StoreB = 2,

    /// <summary>RetailCRM orders and customers.</summary>
    RetailCrm = 3,
}
