namespace SyncGrid.Domain.Channels;

/// <summary>A normalised phone number: E.164 digits, the extension kept apart, and the kind of line.</summary>
/// <param name="E164">The number in E.164, for example <c>+74955005550</c>.</param>
/// <param name="Extension">The extension digits, if the source gave one ("доб. 12").</param>
/// <param name="Kind">Mobile, fixed, …</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.PhoneNumber")]
public sealed record PhoneNumber([property: Id(0)] string E164, [property: Id(1)] string? Extension, [property: Id(2)] PhoneKind Kind)
{
    /// <summary>Whether this is a mobile number (the contact identity uses mobile numbers only).</summary>
    public bool IsMobile => Kind == PhoneKind.Mobile;

    /// <summary>The number as written to a CRM: E.164, then the extension if there is one.</summary>
    public string Display => Extension is null ? E164 : $"{E164} ext. {Extension}";

    /// <inheritdoc />
    public override string ToString() => Display;
}
