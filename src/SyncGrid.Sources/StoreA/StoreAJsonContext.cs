using System.Text.Json.Serialization;

namespace SyncGrid.Sources.StoreA;

/// <summary>Source-generated JSON for the envelope; absent columns are left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoreAEnvelopeJson))]
internal sealed partial class StoreAJsonContext : JsonSerializerContext;
