using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Domain.Tests.Bitrix24;

public class LeakyBucketPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(50, 2.0)]
    [InlineData(250, 5.0)]
    public void DelayBeforeNext_SendingWheneverAllowed_NeverExceedsBurstAndSustainsTheDrainRate(int burst, double drain)
    {
        var pacer = new LeakyBucketPacer(burst, drain, T0);
        var now = T0;
        var portalLevel = 0.0;
        var last = T0;
        var sent = 0;
        while (now < T0.AddMinutes(10))
        {
            now += pacer.DelayBeforeNext(now);
            portalLevel = Math.Max(0, portalLevel - (now - last).TotalSeconds * drain) + 1;
            last = now;
            Assert.True(portalLevel <= burst, $"the portal's counter reached {portalLevel:N2} > {burst} at {now - T0}");
            pacer.OnSent(now);
            sent++;
        }

        var allowed = burst + (drain * 600);
        Assert.True(sent >= 0.95 * allowed, $"{sent} requests in 10 minutes; the portal allows {allowed}");
    }

    [Fact]
    public void OnRefused_AssumesAFullBucket()
    {
        var pacer = new LeakyBucketPacer(50, 2, T0);

        pacer.OnRefused(T0);

        Assert.True(pacer.DelayBeforeNext(T0) >= TimeSpan.FromSeconds(3), "after a refusal the pacer must wait for the bucket to drain below its ceiling");
    }
}
