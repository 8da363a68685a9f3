namespace SyncGrid.IntegrationTests.Sql;

/// <summary>A counter whose state lives in the MariaDB grain storage "adonet"; used by <see cref="OrleansClusterTests"/>.</summary>
[Alias("SyncGrid.IntegrationTests.Sql.ISqlTestCounterGrain")]
public interface ISqlTestCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the stored value and writes it.</summary>
    [Alias("Increment")]
    Task<CounterReading> IncrementAsync();

    /// <summary>Registers (or re-registers) a reminder with the MariaDB reminder service.</summary>
    [Alias("RegisterReminder")]
    Task RegisterReminderAsync(string name);

    /// <summary>Whether the reminder service knows the reminder, read back from the reminder table.</summary>
    [Alias("HasReminder")]
    Task<bool> HasReminderAsync(string name);
}
