using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Observability.Tests;

/// <summary>Fresh TINs, records, SAP events and free ports; every test takes its own TIN so no state leaks between tests.</summary>
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

    /// <summary>A TIN with a wrong check digit (the local checks refuse it).</summary>
    public static string BadTin()
    {
        var tin = NewTin();
        return tin[..9] + (((tin[9] - '0') + 1) % 10).ToString(CultureInfo.InvariantCulture);
    }

    public static CompanySubmission Company(string tin, int minutes, string phone = "8 (495) 500-55-50")
    {
        var normalized = RecordNormalizer.Normalize(new RawCompany
        {
            Source = new SourceRef(SourceStore.StoreA, "companies/" + tin, T0.AddMinutes(minutes)),
            Inn = tin,
            Name = "ООО \"Ромашка\"",
            Kpp = tin[..4] + "01001",
            Phones = [phone],
        });
        Assert.False(normalized.IsRejected, string.Join("; ", normalized.Problems));
        return new CompanySubmission { Companies = new ValueList<CompanyRecord>([normalized.Record!]) };
    }

    /// <summary>A store B PartnerChanged event with one contact.</summary>
    public static byte[] PartnerChanged(string partner, string inn, string at = "2026-10-01T09:15:27.120Z") => Encoding.UTF8.GetBytes($$$"""
        {"eventId":"e-{{{partner}}}","eventType":"PartnerChanged","occurredAt":"{{{at}}}",
         "partner":{"partnerId":"{{{partner}}}","category":"ORGANIZATION","name":"ООО \"Ромашка\"",
           "taxNumbers":{"inn":"{{{inn}}}"},
           "phones":[{"number":"8 (495) 500-55-50","type":"WORK"}],
           "contacts":[{"contactId":"C-{{{partner}}}","lastName":"Иванов","firstName":"Иван","emails":["{{{partner}}}@example.ru"]}]}}
        """);

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
