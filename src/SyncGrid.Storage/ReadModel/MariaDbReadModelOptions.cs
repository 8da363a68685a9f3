using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Storage.ReadModel;

/// <summary>Options of <see cref="MariaDbReadModel"/>.</summary>
public sealed class MariaDbReadModelOptions
{
    /// <summary>Connection string of the MariaDB database that holds the read model tables. Required.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Most rows upserted in one statement. Default 500.</summary>
    [Range(1, 5000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How many batches run at once. Default 2.</summary>
    [Range(1, 32)]
    public int MaxConcurrentBatches { get; set; } = 2;
}
