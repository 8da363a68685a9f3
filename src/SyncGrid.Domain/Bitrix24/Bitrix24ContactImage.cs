using SyncGrid.Domain.Merge;

namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// What Bitrix24 should hold for one contact: names, position, phones and e-mails (<c>ORIGINATOR_ID</c>=<c>syncgrid</c>,
/// <c>ORIGIN_ID</c>=the contact key) and the companies it is bound to (their Bitrix24 ids).
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24ContactImage")]
public sealed record Bitrix24ContactImage
{
    [Id(0)]
    public required string Key { get; init; }

    [Id(1)]
    public string? FirstName { get; init; }

    [Id(2)]
    public string? LastName { get; init; }

    [Id(3)]
    public string? MiddleName { get; init; }

    [Id(4)]
    public string? Position { get; init; }

    [Id(5)]
    public ValueList<MultiFieldValue> Phones { get; init; }

    [Id(6)]
    public ValueList<MultiFieldValue> Emails { get; init; }

    /// <summary>Bitrix24 ids of the companies the contact is bound to, ascending.</summary>
    [Id(7)]
    public ValueList<long> Companies { get; init; }

    /// <summary>A stable hash of everything above.</summary>
    public string Fingerprint => Hashing.Sha256Hex(string.Join('\u001f', new[]
    {
        Key, FirstName, LastName, MiddleName, Position,
        string.Join('\u001e', Phones.Select(p => $"{p.Value}|{p.ValueType}")),
        string.Join('\u001e', Emails.Select(e => $"{e.Value}|{e.ValueType}")),
        string.Join(',', Companies),
    }));

    /// <summary>Maps a merged contact bound to the given Bitrix24 companies. A contact needs a name or a last name in Bitrix24; one without either is named by its key.</summary>
    public static Bitrix24ContactImage From(MergedContact merged, IEnumerable<long> companyIds)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var first = merged.FirstName?.Value;
        var last = merged.LastName?.Value;
        return new Bitrix24ContactImage
        {
            Key = merged.Key.Value,
            FirstName = first ?? (last is null ? (merged.Emails is { Value.Count: > 0 } emails ? emails.Value[0].Value : merged.Key.Value) : null),
            LastName = last,
            MiddleName = merged.MiddleName?.Value,
            Position = merged.Position?.Value,
            Phones = new(merged.Phones?.Value.Select(p => new MultiFieldValue(null, p.Display, p.IsMobile ? "MOBILE" : "WORK")) ?? []),
            Emails = new(merged.Emails?.Value.Select(e => new MultiFieldValue(null, e.Value, "WORK")) ?? []),
            Companies = new(companyIds.Distinct().Order()),
        };
    }
}
