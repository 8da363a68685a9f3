using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains.Tests;

/// <summary>Builders of realistic submissions; every test takes a fresh TIN so no state leaks between tests.</summary>
internal static class Sample
{
    private static readonly int[] Weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static int _next = 100_000;

    public static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh valid 10-digit TIN.</summary>
    public static string NewTin()
    {
        var body = (1_000_000_00 + Interlocked.Increment(ref _next)).ToString(CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + (sum % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }

    public static SourceRef A(string id, int minutes) => new(SourceStore.StoreA, id, T0.AddMinutes(minutes));

    public static SourceRef B(string id, int minutes) => new(SourceStore.StoreB, id, T0.AddMinutes(minutes));

    public static CompanyRecord Company(string tin, SourceRef source, string name = "ООО \"Ромашка\"", bool deleted = false, string phone = "8 (495) 500-55-50") =>
        Normalize(new RawCompany
        {
            Source = source,
            Inn = tin,
            Name = name,
            Kpp = tin[..4] + "01001",
            Phones = [phone],
            Emails = ["info@example.ru"],
            IsDeleted = deleted,
        });

    public static ContactRecord Contact(string tin, SourceRef source, string email, string name = "Иванов Иван Иванович", SourceKey? parent = null, bool deleted = false)
    {
        var n = RecordNormalizer.Normalize(new RawContact
        {
            Source = source,
            CompanyInn = tin,
            FullName = name,
            Emails = [email],
            Parent = parent,
            IsDeleted = deleted,
        });
        Assert.False(n.IsRejected, string.Join("; ", n.Problems));
        return n.Record;
    }

    public static CompanySubmission Submission(IEnumerable<CompanyRecord> companies, IEnumerable<ContactRecord>? contacts = null, IEnumerable<SourceKey>? complete = null) => new()
    {
        Companies = new ValueList<CompanyRecord>(companies),
        Contacts = new ValueList<ContactRecord>(contacts ?? []),
        CompleteContactLists = new ValueList<SourceKey>(complete ?? []),
    };

    private static CompanyRecord Normalize(RawCompany raw)
    {
        var n = RecordNormalizer.Normalize(raw);
        Assert.False(n.IsRejected, string.Join("; ", n.Problems));
        return n.Record;
    }
}
