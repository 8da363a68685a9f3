using System.Globalization;
using System.Text;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Api.Tests;

/// <summary>Realistic records; every test takes fresh TINs so no state leaks between tests.</summary>
internal static class Sample
{
    private static readonly int[] Weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static int _next = 300_000;

    public static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh valid 10-digit TIN.</summary>
    public static string NewTin()
    {
        var body = (2_000_000_00 + Interlocked.Increment(ref _next)).ToString(CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + (sum % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }

    public static CompanySubmission Submission(string tin, params string[] contactEmails) => new()
    {
        Companies = new ValueList<CompanyRecord>([Company(tin)]),
        Contacts = new ValueList<ContactRecord>(contactEmails.Select((e, i) => Contact(tin, e, i))),
    };

    public static CompanyRecord Company(string tin, int minutes = 0, string? name = null) =>
        Normalize(RecordNormalizer.Normalize(new RawCompany
        {
            Source = new SourceRef(SourceStore.StoreA, "co-" + tin, T0.AddMinutes(minutes)),
            Inn = tin,
            Name = name ?? $"ООО «Компания {tin}»",
            Kpp = tin[..4] + "01001",
            Phones = ["8 (495) 500-55-50"],
            Emails = [$"info@{tin}.example.ru"],
            BankAccounts = [new RawBankAccount("044525225", "40702810400000000225", "ПАО Сбербанк")],
        }));

    public static ContactRecord Contact(string tin, string email, int index) =>
        Normalize(RecordNormalizer.Normalize(new RawContact
        {
            Source = new SourceRef(SourceStore.StoreA, $"ct-{tin}-{index}", T0),
            CompanyInn = tin,
            FullName = "Петров Пётр Петрович",
            Position = "бухгалтер",
            Phones = ["+7 916 555-44-33"],
            Emails = [email],
        }));

    /// <summary>A store B PartnerChanged event (UTF-8 JSON) with the given raw INN.</summary>
    public static byte[] PartnerEvent(string partner, string inn) => Encoding.UTF8.GetBytes(
        "{\"eventId\":\"" + partner + "\",\"eventType\":\"PartnerChanged\",\"occurredAt\":\"2026-10-01T09:00:00Z\","
        + "\"partner\":{\"partnerId\":\"" + partner + "\",\"category\":\"ORGANIZATION\",\"name\":\"ООО Ромашка\",\"taxNumbers\":{\"inn\":\"" + inn + "\"}}}");

    private static T Normalize<T>(Normalized<T> normalized)
        where T : class
    {
        Assert.False(normalized.IsRejected, string.Join("; ", normalized.Problems));
        return normalized.Record;
    }
}
