using System.Text.Json.Serialization;

namespace SyncGrid.Sources.StoreA;

/// <summary>A contact's company as the envelope carries it.</summary>
internal sealed class StoreAContactCompanyJson
{
    [JsonPropertyName("inn")]
    public byte[]? Inn { get; set; }

    [JsonPropertyName("is_deleted")]
    public bool IsDeleted { get; set; }

    [JsonPropertyName("updated_at")]
    public string? UpdatedAt { get; set; }
}
