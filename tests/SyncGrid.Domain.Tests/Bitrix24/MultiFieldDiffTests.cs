using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Domain.Tests.Bitrix24;

public class MultiFieldDiffTests
{
    [Fact]
    public void Compute_SameValuesDifferentlyWritten_NothingSent()
    {
        var stored = new[] { new MultiFieldValue(11, "+74955005550", "WORK"), new MultiFieldValue(12, "+79161234567", "MOBILE") };
        var desired = new[] { new MultiFieldValue(null, "+74955005550", "WORK"), new MultiFieldValue(null, "+79161234567", "MOBILE") };

        Assert.Empty(MultiFieldDiff.Compute(stored, desired, phone: true));
    }

    [Fact]
    public void Compute_StoredInNationalFormat_MatchedNotAppended()
    {
        var stored = new[] { new MultiFieldValue(11, "8 (495) 500-55-50", "WORK") };
        var desired = new[] { new MultiFieldValue(null, "+74955005550", "WORK") };

        var row = Assert.Single(MultiFieldDiff.Compute(stored, desired, phone: true));

        Assert.Equal(11L, row["ID"]);
        Assert.Equal("+74955005550", row["VALUE"]);
    }

    [Fact]
    public void Compute_NewRemovedAndRetyped_OneRowEach()
    {
        var stored = new[] { new MultiFieldValue(1, "a@example.ru", "WORK"), new MultiFieldValue(2, "old@example.ru", "WORK"), new MultiFieldValue(3, "B@example.ru", "WORK") };
        var desired = new[] { new MultiFieldValue(null, "a@example.ru", "WORK"), new MultiFieldValue(null, "b@example.ru", "HOME"), new MultiFieldValue(null, "new@example.ru", "WORK") };

        var rows = MultiFieldDiff.Compute(stored, desired, phone: false);

        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.TryGetValue("ID", out var id) && Equals(id, 3L) && (string)r["VALUE_TYPE"]! == "HOME");
        Assert.Contains(rows, r => !r.ContainsKey("ID") && (string)r["VALUE"]! == "new@example.ru");
        Assert.Contains(rows, r => r.TryGetValue("ID", out var id) && Equals(id, 2L) && (string)r["DELETE"]! == "Y");
    }

    [Fact]
    public void Compute_DesiredRepeatsAValue_SentOnce()
    {
        var rows = MultiFieldDiff.Compute([], [new MultiFieldValue(null, "+74955005550", "WORK"), new MultiFieldValue(null, "8 495 500 55 50", "WORK")], phone: true);

        Assert.Single(rows);
    }
}
