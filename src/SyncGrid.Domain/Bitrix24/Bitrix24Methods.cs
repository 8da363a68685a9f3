namespace SyncGrid.Domain.Bitrix24;

/// <summary>Facts about Bitrix24 method names.</summary>
public static class Bitrix24Methods
{
    /// <summary>
    /// Whether a method only reads (<c>*.get</c>, <c>*.list</c>, <c>*.items.get</c>, <c>*.fields</c>,
    /// <c>crm.duplicate.findbycomm</c>): repeating it after an unknown outcome cannot create anything.
    /// </summary>
    public static bool IsRead(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var m = method.ToLowerInvariant();
        return m.EndsWith(".get", StringComparison.Ordinal)
            || m.EndsWith(".list", StringComparison.Ordinal)
            || m.EndsWith(".fields", StringComparison.Ordinal)
            || m.EndsWith(".items.get", StringComparison.Ordinal)
            || m == "crm.duplicate.findbycomm";
    }
}
