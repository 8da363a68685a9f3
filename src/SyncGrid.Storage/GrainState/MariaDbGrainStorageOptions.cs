using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Storage.GrainState;

/// <summary>Options of <see cref="MariaDbGrainStorage"/>.</summary>
public sealed class MariaDbGrainStorageOptions
{
    /// <summary>Connection string of the MariaDB database that holds <c>syncgrid_grain_state</c>. Required.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Most grain states read or written in one statement. Default 200.</summary>
    [Range(1, 2000)]
    public int MaxBatchSize { get; set; } = 200;

    /// <summary>How many batches run at once, each on its own connection. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrentBatches { get; set; } = 4;
}
