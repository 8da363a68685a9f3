namespace SyncGrid.Domain;

/// <summary>
/// One thing wrong with one input value. <see cref="Code"/> is a stable, machine-readable string
/// (for example <c>tin.checksum</c>) that the rejects store and the API group by.
/// </summary>
/// <param name="Code">Stable problem code, <c>area.reason</c>.</param>
/// <param name="Field">The field of the source record the value came from (for example <c>inn</c>, <c>phone</c>).</param>
/// <param name="RawValue">The value as the source gave it, so that nothing is lost; <see langword="null"/> when the value was absent.</param>
/// <param name="Message">A sentence a person can act on.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Problem")]
public sealed record Problem([property: Id(0)] string Code, [property: Id(1)] string Field, [property: Id(2)] string? RawValue, [property: Id(3)] string Message)
{
    /// <summary>Returns a copy of this problem attributed to another field.</summary>
    public Problem ForField(string field) => this with { Field = field };

    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Field}): {Message}";
}
