using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Tests;

/// <summary>Builders of realistic raw and canonical records.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    public static SourceRef A(string id, int minutes) => new(SourceStore.StoreA, id, T0.AddMinutes(minutes));

    public static SourceRef B(string id, int minutes) => new(SourceStore.StoreB, id, T0.AddMinutes(minutes));

    public static RawCompany SberbankPartner(SourceRef source) => new()
    {
        Source = source,
        Category = "ORGANIZATION",
        Name = "ПАО  \"Сбербанк России\"",
        Inn = "7707083893",
        Kpp = "773601001",
        Ogrn = "1027700132195",
        LegalAddress = "117997, г. Москва, ул. Вавилова, д. 19",
        Phones = ["8 (495) 500-55-50"],
        Emails = ["info@example.ru"],
        BankAccounts = [new RawBankAccount("044525225", "40702810400000000225", "ПАО Сбербанк")],
    };

    public static CompanyRecord Company(RawCompany raw)
    {
        var normalized = RecordNormalizer.Normalize(raw);
        Assert.False(normalized.IsRejected, string.Join("; ", normalized.Problems));
        return normalized.Record;
    }

    public static ContactRecord Contact(RawContact raw)
    {
        var normalized = RecordNormalizer.Normalize(raw);
        Assert.False(normalized.IsRejected, string.Join("; ", normalized.Problems));
        return normalized.Record;
    }
}
