using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>One field of a merged entity as text, with the source record that won it.</summary>
/// <param name="Field">The field name (for example <c>name</c>, <c>phones</c>, <c>requisite[773601001]</c>).</param>
/// <param name="Value">The value as text.</param>
/// <param name="Source">The winning source record.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.FieldProvenance")]
public sealed record FieldProvenance([property: Id(0)] string Field, [property: Id(1)] string Value, [property: Id(2)] SourceRef Source);
