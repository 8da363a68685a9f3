namespace SyncGrid.Domain.Channels;

/// <summary>A validated, trimmed, lower-case e-mail address.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.EmailAddress")]
public sealed record EmailAddress
{
    internal EmailAddress(string value) => Value = value;

    /// <summary>The address, lower case.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>The part after the <c>@</c>.</summary>
    public string Domain => Value[(Value.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <inheritdoc />
    public override string ToString() => Value;
}
