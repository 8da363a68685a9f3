using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>One field of a merged entity as text, with the source record that won it.</summary>
/// <param name="Field">The field name (for example <c>name</c>, <c>phones</c>, <c>requisite[773601001]</c>).</param>
/// <param name="Value">The value as text.</param>
/// <param name="Source">The winning source record.</param>
public sealed record FieldProvenance(string Field, string Value, SourceRef Source);
