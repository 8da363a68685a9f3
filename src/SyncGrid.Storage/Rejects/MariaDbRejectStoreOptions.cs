using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Storage.Rejects;

/// <summary>Options of <see cref="MariaDbRejectStore"/>.</summary>
public sealed class MariaDbRejectStoreOptions
{
    /// <summary>Connection string of the MariaDB database that holds <c>syncgrid_reject</c>. Required.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Most rejects upserted in one statement. Default 500.</summary>
    [Range(1, 5000)]
    public int MaxBatchSize { get; set; } = 500;
}
