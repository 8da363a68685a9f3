using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Sources.StoreA;

/// <summary>Validates that a string names a time zone this machine knows.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StoreATimeZoneAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not string id || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"The field {name} must name a known time zone, such as UTC or Europe/Moscow.";
}
