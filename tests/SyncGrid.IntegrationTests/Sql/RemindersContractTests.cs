using System.Globalization;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>The seven reminder query keys, run as Orleans runs them against the migrated schema.</summary>
[Trait("Category", "Integration")]
public sealed class RemindersContractTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Start = new(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task UpsertReminderRow_NewThenExisting_ReturnsVersionThenANewerVersion()
    {
        var first = await UpsertAsync("counter/a", "tick", grainHash: 5, period: TimeSpan.FromMinutes(1));
        var second = await UpsertAsync("counter/a", "tick", grainHash: 5, period: TimeSpan.FromMinutes(2));

        Assert.True(second > first, $"expected the re-upsert to return a newer version than {first}, got {second}");
        var row = Assert.Single(await db.RunAsync("ReadReminderRowKey", ("ServiceId", _serviceId), ("GrainId", "counter/a"), ("ReminderName", "tick")));
        Assert.Equal(second, Int(row["Version"]));
        Assert.Equal(120_000L, Convert.ToInt64(row["Period"], CultureInfo.InvariantCulture));
        Assert.Equal(Start, DateTime.SpecifyKind((DateTime)row["StartTime"]!, DateTimeKind.Utc));
    }

    [Fact]
    public async Task UpsertReminderRow_PeriodBeyondInt32Milliseconds_RoundTripsAsInt64()
    {
        var period = TimeSpan.FromDays(60);

        await UpsertAsync("counter/long", "monthly", grainHash: 1, period: period);

        var row = Assert.Single(await db.RunAsync("ReadReminderRowsKey", ("ServiceId", _serviceId), ("GrainId", "counter/long")));
        Assert.Equal((long)period.TotalMilliseconds, Convert.ToInt64(row["Period"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadReminderRows_Grain_ReturnsOnlyThatGrainsReminders()
    {
        await UpsertAsync("counter/x", "one", 1, TimeSpan.FromMinutes(1));
        await UpsertAsync("counter/x", "two", 1, TimeSpan.FromMinutes(1));
        await UpsertAsync("counter/X", "three", 2, TimeSpan.FromMinutes(1));

        var rows = await db.RunAsync("ReadReminderRowsKey", ("ServiceId", _serviceId), ("GrainId", "counter/x"));

        Assert.Equal(["one", "two"], rows.Select(r => (string)r["ReminderName"]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("counter/x", r["GrainId"]));
    }

    [Fact]
    public async Task ReadRangeRows1_SignedRange_ReturnsHashesAboveBeginUpToEnd()
    {
        await SeedHashesAsync();

        var rows = await db.RunAsync("ReadRangeRows1Key", ("ServiceId", _serviceId), ("BeginHash", -100), ("EndHash", 100));

        Assert.Equal([0, 100], Hashes(rows));
    }

    [Fact]
    public async Task ReadRangeRows2_WrapAroundRange_ReturnsHashesAboveBeginOrUpToEnd()
    {
        await SeedHashesAsync();

        // Orleans picks this key when (int)begin >= (int)end: the range wraps past int.MaxValue to int.MinValue.
        var rows = await db.RunAsync("ReadRangeRows2Key", ("ServiceId", _serviceId), ("BeginHash", 100), ("EndHash", -100));

        Assert.Equal([int.MinValue, -100, int.MaxValue], Hashes(rows));
    }

    [Fact]
    public async Task ReadRangeRows1_UnsignedHashesCastToInt_MatchTheRingOrder()
    {
        // Ring hashes are uint; Orleans passes them as (int), so 0xFFFFFF00 arrives as -256 and sorts below zero.
        await UpsertAsync("counter/high", "r", unchecked((int)0xFFFFFF00u), TimeSpan.FromMinutes(1));
        await UpsertAsync("counter/low", "r", 0x10, TimeSpan.FromMinutes(1));

        var rows = await db.RunAsync("ReadRangeRows1Key", ("ServiceId", _serviceId), ("BeginHash", unchecked((int)0xFFFFFE00u)), ("EndHash", 0));

        Assert.Equal(["counter/high"], rows.Select(r => (string)r["GrainId"]!));
    }

    [Fact]
    public async Task DeleteReminderRow_WrongVersion_ReturnsFalseAndKeepsRow()
    {
        var version = await UpsertAsync("counter/d", "tick", 3, TimeSpan.FromMinutes(1));

        var deleted = await db.RunBooleanAsync("DeleteReminderRowKey", ("ServiceId", _serviceId), ("GrainId", "counter/d"), ("ReminderName", "tick"), ("Version", version + 1));

        Assert.False(deleted, "expected a delete with the wrong version to return false");
        Assert.Single(await db.RunAsync("ReadReminderRowKey", ("ServiceId", _serviceId), ("GrainId", "counter/d"), ("ReminderName", "tick")));
    }

    [Fact]
    public async Task DeleteReminderRow_CurrentVersion_ReturnsTrueAndRemovesRow()
    {
        var version = await UpsertAsync("counter/e", "tick", 3, TimeSpan.FromMinutes(1));

        var deleted = await db.RunBooleanAsync("DeleteReminderRowKey", ("ServiceId", _serviceId), ("GrainId", "counter/e"), ("ReminderName", "tick"), ("Version", version));

        Assert.True(deleted, "expected a delete with the current version to return true");
        Assert.Empty(await db.RunAsync("ReadReminderRowKey", ("ServiceId", _serviceId), ("GrainId", "counter/e"), ("ReminderName", "tick")));
    }

    [Fact]
    public async Task DeleteReminderRows_Service_RemovesEveryReminderOfThatServiceOnly()
    {
        var other = $"svc-{Guid.NewGuid():N}";
        await UpsertAsync("counter/f", "a", 1, TimeSpan.FromMinutes(1));
        await db.RunAsync("UpsertReminderRowKey", ("ServiceId", other), ("GrainHash", 1), ("GrainId", "counter/f"), ("ReminderName", "a"), ("StartTime", Start), ("Period", 60_000));

        await db.RunAsync("DeleteReminderRowsKey", ("ServiceId", _serviceId));

        Assert.Empty(await db.RunAsync("ReadReminderRowsKey", ("ServiceId", _serviceId), ("GrainId", "counter/f")));
        Assert.Single(await db.RunAsync("ReadReminderRowsKey", ("ServiceId", other), ("GrainId", "counter/f")));
    }

    private async Task SeedHashesAsync()
    {
        foreach (var hash in new[] { int.MinValue, -100, 0, 100, int.MaxValue })
        {
            await UpsertAsync($"counter/h{hash}", "r", hash, TimeSpan.FromMinutes(1));
        }
    }

    private static List<int> Hashes(List<Dictionary<string, object?>> rows) =>
        [.. rows.Select(r => int.Parse(((string)r["GrainId"]!)["counter/h".Length..], CultureInfo.InvariantCulture)).Order()];

    private async Task<int> UpsertAsync(string grainId, string name, int grainHash, TimeSpan period)
    {
        // Orleans passes Period as int milliseconds when it fits, as long otherwise.
        object periodValue = period.TotalMilliseconds <= int.MaxValue ? (int)period.TotalMilliseconds : (long)period.TotalMilliseconds;
        var rows = await db.RunAsync(
            "UpsertReminderRowKey",
            ("ServiceId", _serviceId), ("GrainHash", grainHash), ("GrainId", grainId), ("ReminderName", name), ("StartTime", Start), ("Period", periodValue));
        var row = Assert.Single(rows);
        Assert.True(row.ContainsKey("Version"), $"expected column Version, got {string.Join(", ", row.Keys)}");
        return Int(row["Version"]);
    }

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
