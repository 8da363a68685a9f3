using System.Globalization;
using System.Text.Json.Serialization;

namespace SyncGrid.Sources.StoreA;

/// <summary>The JSON shape of <see cref="StoreAEnvelope"/> (version 1). Byte arrays are written as base64.</summary>
internal sealed class StoreAEnvelopeJson
{
    [JsonPropertyName("v")]
    public int Version { get; set; }

    [JsonPropertyName("table")]
    public string? Table { get; set; }

    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("updated_at")]
    public string? UpdatedAt { get; set; }

    [JsonPropertyName("changed_at")]
    public DateTimeOffset? ChangedAt { get; set; }

    [JsonPropertyName("is_deleted")]
    public bool IsDeleted { get; set; }

    [JsonPropertyName("row")]
    public StoreARowJson? Row { get; set; }

    [JsonPropertyName("company")]
    public StoreAContactCompanyJson? Company { get; set; }

    public static StoreAEnvelopeJson From(StoreAEnvelope envelope)
    {
        var row = envelope.Row;
        var json = new StoreAEnvelopeJson
        {
            Version = StoreAEnvelope.CurrentVersion,
            Table = row.Table.Name(),
            Id = row.Id,
            UpdatedAt = StoreAPosition.FormatTime(row.UpdatedAt),
            ChangedAt = envelope.ChangedAt,
            IsDeleted = row.IsDeleted,
        };
        switch (row)
        {
            case StoreACompanyRow c:
                json.Row = new StoreARowJson
                {
                    Name = c.Name,
                    Inn = c.Inn,
                    Kpp = c.Kpp,
                    Ogrn = c.Ogrn,
                    LegalAddress = c.LegalAddress,
                    Phone = c.Phone,
                    Email = c.Email,
                    Bik = c.Bik,
                    BankAccount = c.BankAccount,
                    BankName = c.BankName,
                };
                break;
            case StoreAContactRow c:
                json.Row = new StoreARowJson
                {
                    CompanyId = c.CompanyId,
                    FullName = c.FullName,
                    Position = c.JobTitle,
                    Phone = c.Phone,
                    Email = c.Email,
                };
                json.Company = c.Company is { } company
                    ? new StoreAContactCompanyJson { Inn = company.Inn, IsDeleted = company.IsDeleted, UpdatedAt = StoreAPosition.FormatTime(company.UpdatedAt) }
                    : null;
                break;
        }

        return json;
    }

    public StoreAEnvelopeResult ToEnvelope()
    {
        if (Version != StoreAEnvelope.CurrentVersion)
        {
            return StoreAEnvelopeResult.Fail(StoreARejectCodes.EnvelopeVersion, string.Create(CultureInfo.InvariantCulture, $"Envelope version {Version} is not {StoreAEnvelope.CurrentVersion}, the version this build reads."));
        }

        if (!StoreATables.TryParse(Table, out var table) || Id is not { } id || !TryParseTime(UpdatedAt, out var updatedAt) || ChangedAt is not { } changedAt || Row is null)
        {
            return StoreAEnvelopeResult.Fail(StoreARejectCodes.EnvelopeMalformed, "The envelope lacks a known table, an id, updated_at, changed_at or the row.");
        }

        StoreARow row;
        if (table == StoreATable.Companies)
        {
            row = new StoreACompanyRow
            {
                Id = id,
                UpdatedAt = updatedAt,
                IsDeleted = IsDeleted,
                Name = Row.Name,
                Inn = Row.Inn,
                Kpp = Row.Kpp,
                Ogrn = Row.Ogrn,
                LegalAddress = Row.LegalAddress,
                Phone = Row.Phone,
                Email = Row.Email,
                Bik = Row.Bik,
                BankAccount = Row.BankAccount,
                BankName = Row.BankName,
            };
        }
        else
        {
            StoreAContactCompany? company = null;
            if (Company is { } c)
            {
                if (!TryParseTime(c.UpdatedAt, out var companyUpdatedAt))
                {
                    return StoreAEnvelopeResult.Fail(StoreARejectCodes.EnvelopeMalformed, "The contact's company lacks updated_at.");
                }

                company = new StoreAContactCompany(c.Inn, c.IsDeleted, companyUpdatedAt);
            }

            row = new StoreAContactRow
            {
                Id = id,
                UpdatedAt = updatedAt,
                IsDeleted = IsDeleted,
                CompanyId = Row.CompanyId,
                FullName = Row.FullName,
                JobTitle = Row.Position,
                Phone = Row.Phone,
                Email = Row.Email,
                Company = company,
            };
        }

        return StoreAEnvelopeResult.Ok(new StoreAEnvelope(row, changedAt));
    }

    private static bool TryParseTime(string? text, out DateTime value) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
}
