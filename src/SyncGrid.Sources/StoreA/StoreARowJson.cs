using System.Text.Json.Serialization;

namespace SyncGrid.Sources.StoreA;

/// <summary>The columns of a row in the envelope, named as in the database; latin1 columns are base64 of their bytes.</summary>
internal sealed class StoreARowJson
{
    [JsonPropertyName("name")]
    public byte[]? Name { get; set; }

    [JsonPropertyName("inn")]
    public byte[]? Inn { get; set; }

    [JsonPropertyName("kpp")]
    public string? Kpp { get; set; }

    [JsonPropertyName("ogrn")]
    public string? Ogrn { get; set; }

    [JsonPropertyName("legal_address")]
    public byte[]? LegalAddress { get; set; }

    [JsonPropertyName("phone")]
    public byte[]? Phone { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("bik")]
    public string? Bik { get; set; }

    [JsonPropertyName("bank_account")]
    public string? BankAccount { get; set; }

    [JsonPropertyName("bank_name")]
    public byte[]? BankName { get; set; }

    [JsonPropertyName("company_id")]
    public long? CompanyId { get; set; }

    [JsonPropertyName("full_name")]
    public byte[]? FullName { get; set; }

    [JsonPropertyName("position")]
    public byte[]? Position { get; set; }
}
