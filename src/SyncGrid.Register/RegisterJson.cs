using System.Text.Json.Serialization;

namespace SyncGrid.Register;

/// <summary>The request body of "find party by id".</summary>
internal sealed record FindPartyRequest(
    string Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kpp,
    int Count);

/// <summary>The response of "find party by id": <c>{"suggestions": [...]}</c>, empty when not found.</summary>
internal sealed record FindPartyResponse(IReadOnlyList<PartySuggestion>? Suggestions);

internal sealed record PartySuggestion(string? Value, PartyData? Data);

internal sealed record PartyData(string? Inn, string? Kpp, string? Ogrn, string? Type, string? BranchType, PartyName? Name, PartyOpf? Opf, PartyState? State, PartyAddress? Address);

internal sealed record PartyName(string? FullWithOpf, string? ShortWithOpf, string? Full, string? Short);

internal sealed record PartyOpf(string? Short, string? Full);

internal sealed record PartyState(string? Status);

internal sealed record PartyAddress(string? Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FindPartyRequest))]
[JsonSerializable(typeof(FindPartyResponse))]
internal sealed partial class RegisterJsonContext : JsonSerializerContext
{
}
