namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// Computes the <c>update</c> payload that turns a multi-field's stored rows into the desired values without ever
/// appending a duplicate: Bitrix24 appends every row sent without an <c>ID</c> (its own repeat check compares raw
/// text and type only), so rows are matched by normalised value (phones: <c>+</c> and digits; e-mails: trimmed, lower
/// case); a matched row is left alone or re-typed by id, an unmatched stored row is deleted by id
/// (<c>DELETE: "Y"</c>), and only a genuinely new value is sent without an id.
/// </summary>
public static class MultiFieldDiff
{
    /// <summary>The rows to send (empty when nothing changes).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Compute(IReadOnlyList<MultiFieldValue> stored, IReadOnlyList<MultiFieldValue> desired, bool phone)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(desired);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        var unmatched = stored.Where(s => s.Id is not null).ToList();
        foreach (var want in desired.DistinctBy(d => Normalize(d.Value, phone)))
        {
            var match = unmatched.FirstOrDefault(s => Normalize(s.Value, phone) == Normalize(want.Value, phone));
            if (match is null)
            {
                rows.Add(new Dictionary<string, object?> { ["VALUE"] = want.Value, ["VALUE_TYPE"] = want.ValueType });
                continue;
            }

            unmatched.Remove(match);
            if (!string.Equals(match.ValueType, want.ValueType, StringComparison.OrdinalIgnoreCase) || match.Value != want.Value)
            {
                rows.Add(new Dictionary<string, object?> { ["ID"] = match.Id, ["VALUE"] = want.Value, ["VALUE_TYPE"] = want.ValueType });
            }
        }

        foreach (var gone in unmatched)
        {
            rows.Add(new Dictionary<string, object?> { ["ID"] = gone.Id, ["DELETE"] = "Y" });
        }

        return rows;
    }

    /// <summary>The comparison form of a value.</summary>
    public static string Normalize(string value, bool phone)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!phone)
        {
            return value.Trim().ToLowerInvariant();
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '8' ? "7" + digits[1..] : digits;
    }
}
