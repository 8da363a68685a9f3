namespace SyncGrid.Api.Contracts;

/// <summary>One merged field, as text, with the source record that won it.</summary>
public sealed record FieldDto(string Field, string Value, SourceDto Source);
