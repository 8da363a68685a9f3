using SyncGrid.Sources.Import;

namespace SyncGrid.IntegrationTests.Checkpoints;

/// <summary>What every <see cref="ISourceCheckpointStore"/> must do. Each test uses its own identity, so tests sharing a database never meet.</summary>
public abstract class SourceCheckpointStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, 123, TimeSpan.Zero);

    protected abstract ISourceCheckpointStore Store { get; }

    protected static string NewIdentity() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    /// <summary>A source of its own, so a listing sees only the test's checkpoints.</summary>
    protected static string NewSource() => "list-" + Guid.NewGuid().ToString("N");

    protected static SourceCheckpoint Checkpoint(string identity, long lastIndex, DateTimeOffset? completedAt = null) => new()
    {
        Source = "store-b-export",
        Identity = identity,
        Name = "выгрузка-2026.json.gz",
        Size = 1_100_000_000_000,
        LastIndex = lastIndex,
        ByteOffset = 3_000_000_000 + lastIndex,
        Records = lastIndex + 1,
        Rejected = lastIndex / 100,
        StartedAt = T0,
        UpdatedAt = T0.AddMinutes(lastIndex),
        CompletedAt = completedAt,
    };

    [Fact]
    public async Task GetAsync_Nothing_ReturnsNull() =>
        Assert.Null(await Store.GetAsync("store-b-export", NewIdentity()));

    [Fact]
    public async Task SaveAsync_ThenGet_RoundTripsEveryField()
    {
        var identity = NewIdentity();
        var saved = Checkpoint(identity, 41_999, completedAt: T0.AddHours(2));

        await Store.SaveAsync(saved);

        Assert.Equal(saved, await Store.GetAsync("store-b-export", identity));
    }

    [Fact]
    public async Task SaveAsync_Forward_MovesTheCheckpoint()
    {
        var identity = NewIdentity();
        await Store.SaveAsync(Checkpoint(identity, 999));
        await Store.SaveAsync(Checkpoint(identity, 1999));

        Assert.Equal(Checkpoint(identity, 1999), await Store.GetAsync("store-b-export", identity));
    }

    [Fact]
    public async Task SaveAsync_Behind_IsIgnored()
    {
        var identity = NewIdentity();
        await Store.SaveAsync(Checkpoint(identity, 1999));
        await Store.SaveAsync(Checkpoint(identity, 999));

        Assert.Equal(Checkpoint(identity, 1999), await Store.GetAsync("store-b-export", identity));
    }

    [Fact]
    public async Task SaveAsync_SameIndexCompleted_RecordsTheCompletion()
    {
        var identity = NewIdentity();
        await Store.SaveAsync(Checkpoint(identity, 1999));
        await Store.SaveAsync(Checkpoint(identity, 1999, completedAt: T0.AddHours(1)));

        Assert.Equal(T0.AddHours(1), (await Store.GetAsync("store-b-export", identity))!.CompletedAt);
    }

    [Fact]
    public async Task DeleteAsync_RemovesOnlyThatCheckpoint()
    {
        var identity = NewIdentity();
        var other = NewIdentity();
        await Store.SaveAsync(Checkpoint(identity, 5));
        await Store.SaveAsync(Checkpoint(other, 7));

        Assert.True(await Store.DeleteAsync("store-b-export", identity));
        Assert.False(await Store.DeleteAsync("store-b-export", identity));

        Assert.Null(await Store.GetAsync("store-b-export", identity));
        Assert.Equal(7, (await Store.GetAsync("store-b-export", other))!.LastIndex);
        await Store.SaveAsync(Checkpoint(identity, 1));
        Assert.Equal(1, (await Store.GetAsync("store-b-export", identity))!.LastIndex);
    }

    [Fact]
    public async Task SameIdentity_OtherSource_IsAnotherCheckpoint()
    {
        var identity = NewIdentity();
        await Store.SaveAsync(Checkpoint(identity, 5));
        await Store.SaveAsync(Checkpoint(identity, 9) with { Source = "other-source" });

        Assert.Equal(5, (await Store.GetAsync("store-b-export", identity))!.LastIndex);
        Assert.Equal(9, (await Store.GetAsync("other-source", identity))!.LastIndex);
    }

    [Fact]
    public async Task ListAsync_NewestFirst_OnlyThatSource_UpToTheLimit()
    {
        var source = NewSource();
        var (a, b, c) = (NewIdentity(), NewIdentity(), NewIdentity());
        await Store.SaveAsync(Checkpoint(a, 10) with { Source = source });
        await Store.SaveAsync(Checkpoint(b, 30, completedAt: T0.AddHours(1)) with { Source = source });
        await Store.SaveAsync(Checkpoint(c, 20) with { Source = source });
        await Store.SaveAsync(Checkpoint(NewIdentity(), 40) with { Source = source + ".other" });
        await Store.SaveAsync(Checkpoint(NewIdentity(), 50) with { Source = source + "-other" });

        var all = await Store.ListAsync(source, 10);
        var newest = await Store.ListAsync(source, 2);

        Assert.Equal([Checkpoint(b, 30, completedAt: T0.AddHours(1)) with { Source = source }, Checkpoint(c, 20) with { Source = source }, Checkpoint(a, 10) with { Source = source }], all);
        Assert.Equal([b, c], newest.Select(n => n.Identity));
    }

    [Fact]
    public async Task ListAsync_AfterMovesAndDeletes_ReportsTheCurrentCheckpoints()
    {
        var source = NewSource();
        var (a, b) = (NewIdentity(), NewIdentity());
        await Store.SaveAsync(Checkpoint(a, 100) with { Source = source });
        await Store.SaveAsync(Checkpoint(b, 200) with { Source = source });
        await Store.SaveAsync(Checkpoint(a, 300) with { Source = source });
        await Store.SaveAsync(Checkpoint(b, 50) with { Source = source });

        Assert.Equal([(a, 300L), (b, 200L)], (await Store.ListAsync(source, 10)).Select(n => (n.Identity, n.LastIndex)));

        await Store.DeleteAsync(source, a);

        Assert.Equal([b], (await Store.ListAsync(source, 10)).Select(n => n.Identity));
    }

    [Fact]
    public async Task ListAsync_NoCheckpoints_IsEmpty() =>
        Assert.Empty(await Store.ListAsync(NewSource(), 10));

    [Theory]
    [InlineData("store-b-export", 0)]
    [InlineData("../escape", 10)]
    [InlineData("", 10)]
    public async Task ListAsync_BadSourceOrLimit_IsRefused(string source, int limit) =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(source, limit));

    [Theory]
    [InlineData("../escape")]
    [InlineData("")]
    [InlineData("a b")]
    public async Task GetAsync_IdentityWithOtherCharacters_IsRefused(string identity) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync("store-b-export", identity));
}
