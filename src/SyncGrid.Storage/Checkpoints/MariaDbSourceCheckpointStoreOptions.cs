using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>Options of <see cref="MariaDbSourceCheckpointStore"/>.</summary>
public sealed class MariaDbSourceCheckpointStoreOptions
{
    /// <summary>Connection string of the MariaDB database that holds <c>syncgrid_source_checkpoint</c>. Required.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;
}
