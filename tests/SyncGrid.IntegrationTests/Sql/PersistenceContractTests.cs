using MySqlConnector;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>The four grain-persistence query keys, run as Orleans runs them against the migrated schema.</summary>
[Trait("Category", "Integration")]
public sealed class PersistenceContractTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task WriteToStorage_FirstInsert_ReturnsVersionOne()
    {
        var key = GrainStateKey.ForString("7707083893", _serviceId);

        var version = await WriteAsync(key, null, [1, 2, 3]);

        Assert.True(version == 1, $"expected NewGrainStateVersion 1 for a first insert, got {Show(version)}");
    }

    [Fact]
    public async Task WriteToStorage_CurrentVersion_ReturnsVersionPlusOne()
    {
        var key = GrainStateKey.ForInteger(42, _serviceId);
        await WriteAsync(key, null, [1]);

        var second = await WriteAsync(key, 1, [2]);
        var third = await WriteAsync(key, 2, [3]);

        Assert.True(second == 2 && third == 3, $"expected versions 2 then 3, got {Show(second)} then {Show(third)}");
        var (payload, stored) = await ReadAsync(key);
        Assert.Equal([3], payload);
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task WriteToStorage_StaleVersion_ReturnsUnchangedVersionAndKeepsState()
    {
        var key = GrainStateKey.ForString("stale", _serviceId);
        await WriteAsync(key, null, [1]);
        await WriteAsync(key, 1, [2]);

        var stale = await WriteAsync(key, 1, [99]);

        Assert.True(stale == 1, $"expected the unchanged version 1 for a stale write, got {Show(stale)}");
        var (payload, stored) = await ReadAsync(key);
        Assert.Equal([2], payload);
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task WriteToStorage_NullVersionWhileRowExists_ReturnsNull()
    {
        var key = GrainStateKey.ForString("second-activation", _serviceId);
        await WriteAsync(key, null, [1]);

        var version = await WriteAsync(key, null, [2]);

        Assert.True(version is null, $"expected NULL for a first insert that finds the row already there, got {Show(version)}");
        Assert.Equal([1], (await ReadAsync(key)).Payload);
    }

    [Fact]
    public async Task WriteToStorage_ConcurrentFirstInserts_ExactlyOneGetsVersionOneOthersNull()
    {
        const int Writers = 6;
        for (var round = 0; round < 5; round++)
        {
            var key = GrainStateKey.ForString($"race-{round}", _serviceId);
            using var start = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            {
                await using var connection = new MySqlConnection(db.ConnectionString);
                await connection.OpenAsync();
                await using var command = new MySqlCommand(db.QueryText("WriteToStorageKey"), connection);
                foreach (var (name, value) in key.Write(null, [(byte)i]))
                {
                    command.Parameters.Add(new MySqlParameter(name, value ?? DBNull.Value));
                }

                start.Wait();
                var result = await command.ExecuteScalarAsync();
                return result is DBNull or null ? (int?)null : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
            })).ToList();
            start.Set();
            var versions = await Task.WhenAll(writers);

            Assert.True(
                versions.Count(v => v == 1) == 1 && versions.Count(v => v is null) == Writers - 1,
                $"round {round}: expected one 1 and {Writers - 1} NULLs, got [{string.Join(", ", versions.Select(Show))}]");
        }
    }

    [Fact]
    public async Task ReadFromStorage_AfterWrite_ReturnsPayloadBinaryAndVersion()
    {
        var key = GrainStateKey.ForString("read-me", _serviceId);
        await WriteAsync(key, null, [10, 20]);

        var rows = await db.RunAsync("ReadFromStorageKey", key.Read());

        var row = Assert.Single(rows);
        Assert.Equal([10, 20], (byte[])row["PayloadBinary"]!);
        Assert.Equal(1, Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadFromStorage_NeverWritten_ReturnsNoRow()
    {
        var rows = await db.RunAsync("ReadFromStorageKey", GrainStateKey.ForString("never", _serviceId).Read());

        Assert.True(rows.Count == 0, $"expected no row for a grain never written, got {rows.Count}");
    }

    [Fact]
    public async Task ClearStorage_CurrentVersion_KeepsRowWithNullPayloadAndBumpsVersion()
    {
        var key = GrainStateKey.ForString("clear-me", _serviceId);
        await WriteAsync(key, null, [1]);

        var cleared = await ScalarVersionAsync("ClearStorageKey", key.Clear(1));
        var (payload, stored) = await ReadAsync(key);
        var next = await WriteAsync(key, 2, [5]);

        Assert.True(cleared == 2, $"expected NewGrainStateVersion 2 after clearing version 1, got {Show(cleared)}");
        Assert.True(payload is null && stored == 2, $"expected the row kept with NULL payload and Version 2, got payload {payload?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"} and Version {Show(stored)}");
        Assert.True(next == 3, $"expected a write after the clear to return 3, got {Show(next)}");
    }

    [Fact]
    public async Task ClearStorage_StaleVersion_ReturnsUnchangedVersionAndKeepsPayload()
    {
        var key = GrainStateKey.ForString("clear-stale", _serviceId);
        await WriteAsync(key, null, [1]);
        await WriteAsync(key, 1, [2]);

        var cleared = await ScalarVersionAsync("ClearStorageKey", key.Clear(1));

        Assert.True(cleared == 1, $"expected the unchanged version 1, got {Show(cleared)}");
        Assert.Equal([2], (await ReadAsync(key)).Payload);
    }

    [Fact]
    public async Task DeleteStorage_CurrentVersion_RemovesRowAndReturnsVersionPlusOne()
    {
        var key = GrainStateKey.ForString("delete-me", _serviceId);
        await WriteAsync(key, null, [1]);

        var deleted = await ScalarVersionAsync("DeleteStorageKey", key.Clear(1));
        var rows = await db.RunAsync("ReadFromStorageKey", key.Read());
        var again = await WriteAsync(key, null, [2]);

        Assert.True(deleted == 2, $"expected NewGrainStateVersion 2, got {Show(deleted)}");
        Assert.True(rows.Count == 0, $"expected the row gone, found {rows.Count}");
        Assert.True(again == 1, $"expected a fresh first insert to return 1, got {Show(again)}");
    }

    [Fact]
    public async Task WriteToStorage_StringKeysDifferingOnlyInCase_AreDistinctRows()
    {
        var lower = GrainStateKey.ForString("abc", _serviceId) with { GrainIdHash = 7 };
        var upper = GrainStateKey.ForString("ABC", _serviceId) with { GrainIdHash = 7 };

        var first = await WriteAsync(lower, null, [1]);
        var second = await WriteAsync(upper, null, [2]);

        // Same hash on purpose: only the _bin collation of GrainIdExtensionString keeps the two apart.
        Assert.True(first == 1 && second == 1, $"expected both first inserts to return 1, got {Show(first)} and {Show(second)}");
        Assert.Equal([1], (await ReadAsync(lower)).Payload);
        Assert.Equal([2], (await ReadAsync(upper)).Payload);
    }

    [Fact]
    public async Task WriteToStorage_IntegerKeyWithAndWithoutExtension_AreDistinctRows()
    {
        var plain = GrainStateKey.ForInteger(5, _serviceId);
        var extended = plain with { Extension = "tenant" };

        await WriteAsync(plain, null, [1]);
        var second = await WriteAsync(extended, null, [2]);

        Assert.True(second == 1, $"expected the extended key to be a new row (version 1), got {Show(second)}");
        Assert.Equal([1], (await ReadAsync(plain)).Payload);
        Assert.Equal([2], (await ReadAsync(extended)).Payload);
    }

    [Theory]
    [InlineData(100 * 1024 + 17)]
    [InlineData(1024 * 1024)]
    public async Task WriteToStorage_LargePayload_RoundTripsByteExact(int size)
    {
        var key = GrainStateKey.ForString($"large-{size}", _serviceId);
        var inserted = new byte[size];
        var updated = new byte[size + 1];
        new Random(size).NextBytes(inserted);
        new Random(size + 1).NextBytes(updated);

        await WriteAsync(key, null, inserted);
        var afterInsert = (await ReadAsync(key)).Payload;
        await WriteAsync(key, 1, updated);
        var afterUpdate = (await ReadAsync(key)).Payload;

        Assert.True(afterInsert is not null && afterInsert.AsSpan().SequenceEqual(inserted), $"insert: expected {size} bytes back unchanged, got {afterInsert?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}");
        Assert.True(afterUpdate is not null && afterUpdate.AsSpan().SequenceEqual(updated), $"update: expected {size + 1} bytes back unchanged, got {afterUpdate?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}");
    }

    [Fact]
    public async Task WriteToStorage_StringKeyLongerThanColumn_FailsInsteadOfTruncating()
    {
        var key = GrainStateKey.ForString(new string('k', 513), _serviceId);

        var error = await Assert.ThrowsAsync<MySqlException>(() => WriteAsync(key, null, [1]));

        Assert.Contains("too long", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await db.RunAsync("ReadFromStorageKey", (GrainStateKey.ForString(new string('k', 512), _serviceId) with { GrainIdHash = key.GrainIdHash }).Read()));
    }

    private Task<int?> WriteAsync(GrainStateKey key, int? version, byte[] payload) => ScalarVersionAsync("WriteToStorageKey", key.Write(version, payload));

    private async Task<int?> ScalarVersionAsync(string queryKey, (string Name, object? Value)[] parameters)
    {
        var rows = await db.RunAsync(queryKey, parameters);
        var row = Assert.Single(rows);
        Assert.True(row.ContainsKey("NewGrainStateVersion"), $"{queryKey}: expected column NewGrainStateVersion, got {string.Join(", ", row.Keys)}");
        return row["NewGrainStateVersion"] is { } value ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<(byte[]? Payload, int? Version)> ReadAsync(GrainStateKey key)
    {
        var row = Assert.Single(await db.RunAsync("ReadFromStorageKey", key.Read()));
        return ((byte[]?)row["PayloadBinary"], row["Version"] is { } v ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL";
}
