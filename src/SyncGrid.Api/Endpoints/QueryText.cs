using System.Globalization;
using SyncGrid.Abstractions;

namespace SyncGrid.Api.Endpoints;

/// <summary>Parses query parameters the way the API documents them, with a sentence for what is wrong.</summary>
internal static class QueryText
{
    public static readonly string StatusNames = string.Join(", ", Enum.GetValues<CompanySyncStatus>().Select(Kebab));

    /// <summary>A status as kebab-case (<c>sync-pending</c>), PascalCase or any casing; digits are not accepted.</summary>
    public static bool TryParseStatus(string text, out CompanySyncStatus status)
    {
        var plain = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        status = default;
        return plain.Length > 0 && !char.IsAsciiDigit(plain[0]) && Enum.TryParse(plain, ignoreCase: true, out status) && Enum.IsDefined(status);
    }

    /// <summary>An optional integer in [min, max]; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParseInt(string? text, int fallback, int min, int max, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a whole number from {min} to {max}.");
            return false;
        }

        return true;
    }

    public static string Kebab(CompanySyncStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
