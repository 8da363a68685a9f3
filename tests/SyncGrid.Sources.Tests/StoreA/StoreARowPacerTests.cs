using Microsoft.Extensions.Time.Testing;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Sources.Tests.StoreA;

public class StoreARowPacerTests
{
    [Fact]
    public async Task AcquireAsync_MoreThanTheRateInOneSecond_WaitsForTheWindowToPass()
    {
        var time = new FakeTimeProvider();
        using var pacer = new StoreARowPacer(100, time);
        await pacer.AcquireAsync(60);
        await pacer.AcquireAsync(40);

        var third = pacer.AcquireAsync(10);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(third.IsCompleted, "a third read within the same second must wait");
        time.Advance(TimeSpan.FromMilliseconds(1));

        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Return_UnusedRows_FreeTheirPlaceInTheWindow()
    {
        var time = new FakeTimeProvider();
        using var pacer = new StoreARowPacer(100, time);
        var grant = await pacer.AcquireAsync(100);

        grant.Return(70);

        var next = pacer.AcquireAsync(70);
        Assert.True(next.IsCompleted, "70 rows were given back, so 70 more fit this second");
        await next;
    }

    [Fact]
    public async Task AcquireAsync_MoreRowsThanTheRate_Refused()
    {
        using var pacer = new StoreARowPacer(10, new FakeTimeProvider());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pacer.AcquireAsync(11));
    }
}
