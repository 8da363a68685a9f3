using System.Text;
using SyncGrid.Domain.Text;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>Store A rows and their envelopes, as the coordinator publishes them.</summary>
internal static class StoreARows
{
    private static int _next = 1_000;

    public static readonly DateTime T0 = new(2026, 10, 1, 9, 0, 0);

    public static long NewId() => Interlocked.Increment(ref _next);

    public static DateTime At(int minutes) => T0.AddMinutes(minutes);

    public static byte[] Cp1251(string text) => SourceText.Windows1251.GetBytes(text);

    public static StoreACompanyRow Company(long id, string? inn, int minutes, string name = "ООО «Ромашка»", bool deleted = false, byte[]? nameBytes = null) => new()
    {
        Id = id,
        UpdatedAt = At(minutes),
        Name = nameBytes ?? Cp1251(name),
        Inn = inn is null ? null : Cp1251(inn),
        Phone = Encoding.ASCII.GetBytes("8 (495) 500-55-50"),
        IsDeleted = deleted,
    };

    public static StoreAContactRow Contact(long id, long? companyId, int minutes, StoreAContactCompany? company, string email, string name = "Иванов Иван Иванович", bool deleted = false) => new()
    {
        Id = id,
        CompanyId = companyId,
        UpdatedAt = At(minutes),
        FullName = Cp1251(name),
        Email = email,
        Company = company,
        IsDeleted = deleted,
    };

    /// <summary>What a contact row's join says about its company row.</summary>
    public static StoreAContactCompany Of(StoreACompanyRow company) => new(company.Inn, company.IsDeleted, company.UpdatedAt);

    public static byte[] Envelope(StoreARow row) => StoreAEnvelope.Of(row, TimeZoneInfo.Utc).ToJson();
}
