namespace SyncGrid.Storage.Orders;

/// <summary>Settings of <see cref="MariaDbOrderLog"/>.</summary>
public sealed class MariaDbOrderLogOptions
{
    /// <summary>The MariaDB connection string (a database holding <c>deploy/sql</c>). Required; a secret.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
