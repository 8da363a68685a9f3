using System.Globalization;

namespace SyncGrid.Sources.StoreA;

/// <summary>Table names and record keys of store A: a row's key is <c>companies/&lt;id&gt;</c> or <c>contacts/&lt;id&gt;</c>.</summary>
public static class StoreATables
{
    /// <summary>Every table, in extraction order.</summary>
    public static IReadOnlyList<StoreATable> All { get; } = [StoreATable.Companies, StoreATable.Contacts];

    /// <summary>The table's name in the database, in keys and in positions.</summary>
    public static string Name(this StoreATable table) => table switch
    {
        StoreATable.Companies => "companies",
        StoreATable.Contacts => "contacts",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown store A table."),
    };

    /// <summary>Parses a table name.</summary>
    public static bool TryParse(string? name, out StoreATable table)
    {
        (var found, table) = name switch
        {
            "companies" => (true, StoreATable.Companies),
            "contacts" => (true, StoreATable.Contacts),
            _ => (false, default),
        };
        return found;
    }

    /// <summary>The record key of a row: the Kafka message key, the ingest grain's key and the source record id.</summary>
    public static string KeyOf(StoreATable table, long id) => string.Create(CultureInfo.InvariantCulture, $"{table.Name()}/{id}");
}
