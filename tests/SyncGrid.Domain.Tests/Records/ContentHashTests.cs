using SyncGrid.Domain.Records;
using static SyncGrid.Domain.Tests.Samples;

namespace SyncGrid.Domain.Tests.Records;

public class ContentHashTests
{
    [Fact]
    public void Of_SameContent_SameHash()
    {
        var a = Company(SberbankPartner(A("17", 0)));
        var b = Company(SberbankPartner(A("17", 0)));

        Assert.NotSame(a, b);
        Assert.Equal(ContentHash.Of(a), ContentHash.Of(b));
        Assert.Equal(64, ContentHash.Of(a).Length);
    }

    [Fact]
    public void Of_AnyFieldChanged_DifferentHash()
    {
        var baseline = Company(SberbankPartner(A("17", 0)));
        var variants = new[]
        {
            baseline with { Source = A("18", 0) },
            baseline with { Source = B("17", 0) },
            baseline with { IsDeleted = true },
            baseline with { LegalAddress = "другой адрес" },
            baseline with { Name = null },
            baseline with { Kpp = null },
            baseline with { Phones = [] },
            baseline with { Emails = [] },
            baseline with { BankAccounts = [] },
        };

        var hashes = variants.Select(ContentHash.Of).Append(ContentHash.Of(baseline)).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void Of_OnlyTheChangeTimeDiffers_SameHash()
    {
        var earlier = Company(SberbankPartner(A("17", 0)));
        var reExported = earlier with { Source = A("17", 60) };

        Assert.Equal(ContentHash.Of(earlier), ContentHash.Of(reExported));
    }

    [Fact]
    public void Of_FieldBoundariesMatter()
    {
        // "ab" + "c" must not hash like "a" + "bc".
        var one = Company(SberbankPartner(A("17", 0))) with { LegalAddress = "ab" };
        var two = Company(SberbankPartner(A("17", 0))) with { LegalAddress = "a" };

        Assert.NotEqual(ContentHash.Of(one), ContentHash.Of(two));
    }
}
