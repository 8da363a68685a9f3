namespace SyncGrid.IntegrationTests.Sql;

/// <summary>A counter persisted in the MariaDB grain storage registered as "adonet".</summary>
public sealed class SqlTestCounterGrain(
    [PersistentState("sqltest-counter", "adonet")] IPersistentState<SqlTestCounterState> state,
    ILocalSiloDetails silo) : Grain, ISqlTestCounterGrain, IRemindable
{
    public async Task<CounterReading> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return new CounterReading(state.State.Value, silo.SiloAddress);
    }

    public Task RegisterReminderAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public async Task<bool> HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
