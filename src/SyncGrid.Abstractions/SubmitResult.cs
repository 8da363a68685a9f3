namespace SyncGrid.Abstractions;

/// <summary>What a submission changed.</summary>
/// <param name="RecordsApplied">Source record versions that changed something.</param>
/// <param name="RecordsUnchanged">Source record versions already known, or older than what is known.</param>
/// <param name="StateWrites">Grain state writes the submission caused (0 for a repeat).</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.SubmitResult")]
public sealed record SubmitResult([property: Id(0)] int RecordsApplied, [property: Id(1)] int RecordsUnchanged, [property: Id(2)] int StateWrites)
{
    /// <summary>Nothing submitted.</summary>
    public static SubmitResult None { get; } = new(0, 0, 0);

    /// <summary>Adds two results.</summary>
    public SubmitResult Add(SubmitResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(RecordsApplied + other.RecordsApplied, RecordsUnchanged + other.RecordsUnchanged, StateWrites + other.StateWrites);
    }
}
