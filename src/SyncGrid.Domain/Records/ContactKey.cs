namespace SyncGrid.Domain.Records;

/// <summary>
/// The identity of a contact: <c>email:&lt;address&gt;</c>, else <c>mobile:&lt;E.164&gt;</c>, else
/// <c>name:&lt;company TIN&gt;:&lt;name key&gt;</c>. Bitrix24's <c>ORIGIN_ID</c> of the contact.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.ContactKey")]
public readonly record struct ContactKey([property: Id(0)] string Value) : IComparable<ContactKey>
{
    /// <summary>Which rule produced the key.</summary>
    public ContactKeyKind Kind => Value switch
    {
        _ when Value.StartsWith("email:", StringComparison.Ordinal) => ContactKeyKind.Email,
        _ when Value.StartsWith("mobile:", StringComparison.Ordinal) => ContactKeyKind.Mobile,
        _ => ContactKeyKind.Name,
    };

    /// <inheritdoc />
    public int CompareTo(ContactKey other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(ContactKey left, ContactKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(ContactKey left, ContactKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(ContactKey left, ContactKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(ContactKey left, ContactKey right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>The identity rule a <see cref="ContactKey"/> came from, strongest first.</summary>
[GenerateSerializer, Alias("SyncGrid.ContactKeyKind")]
public enum ContactKeyKind
{
    Email = 1,
    Mobile = 2,
    Name = 3,
}
