namespace SyncGrid.Domain.Bitrix24;

/// <summary>One command of a <c>batch</c>: its key (letters, digits, underscore) and its <c>method?query</c> text.</summary>
public sealed record Bitrix24BatchEntry(string Key, string Entry);
