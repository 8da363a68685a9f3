namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// One Bitrix24 REST call: the method and its parameters already encoded as a PHP-bracket query string
/// (<c>fields[TITLE]=Acme&amp;fields[PHONE][0][VALUE]=%2B7…</c>), which is what a <c>batch</c> command needs and what a
/// form-encoded POST sends. Build the query with <see cref="Bitrix24Query"/>.
/// </summary>
/// <param name="Method">The REST method, for example <c>crm.company.add</c>.</param>
/// <param name="Query">The encoded parameters (may be empty).</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24Command")]
public sealed record Bitrix24Command([property: Id(0)] string Method, [property: Id(1)] string Query)
{
    /// <summary>Whether the method only reads: such a call may be repeated freely after a failure.</summary>
    public bool IsRead => Bitrix24Methods.IsRead(Method);

    /// <summary>The command as a <c>batch</c> entry: <c>method?query</c>.</summary>
    public string ToBatchEntry() => Query.Length == 0 ? Method : $"{Method}?{Query}";

    /// <inheritdoc />
    public override string ToString() => Method;
}
