using System.Globalization;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// A point in a table's keyset order <c>(updated_at, id)</c>: a watermark, or the cursor of a page. Reads return rows
/// strictly after it. <see cref="UpdatedAt"/> is the column's value as stored (no time zone).
/// </summary>
public readonly record struct StoreAPosition(DateTime UpdatedAt, long Id) : IComparable<StoreAPosition>
{
    /// <summary>Before every row: where a full extract starts.</summary>
    public static StoreAPosition Start { get; } = new(DateTime.MinValue, long.MinValue);

    /// <summary>The position <paramref name="window"/> behind this one, before every row with that <c>updated_at</c>.</summary>
    public StoreAPosition Behind(TimeSpan window) =>
        UpdatedAt - DateTime.MinValue <= window ? Start : new StoreAPosition(UpdatedAt - window, long.MinValue);

    /// <inheritdoc />
    public int CompareTo(StoreAPosition other)
    {
        var byTime = UpdatedAt.Ticks.CompareTo(other.UpdatedAt.Ticks);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }

    public static bool operator <(StoreAPosition left, StoreAPosition right) => left.CompareTo(right) < 0;

    public static bool operator <=(StoreAPosition left, StoreAPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >(StoreAPosition left, StoreAPosition right) => left.CompareTo(right) > 0;

    public static bool operator >=(StoreAPosition left, StoreAPosition right) => left.CompareTo(right) >= 0;

    /// <summary>The <c>updated_at</c> value as text, to the microsecond: <c>2026-10-01T09:15:27.123456</c>.</summary>
    public static string FormatTime(DateTime updatedAt) => updatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({FormatTime(UpdatedAt)}, {Id})");
}
