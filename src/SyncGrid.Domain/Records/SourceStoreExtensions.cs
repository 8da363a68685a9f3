namespace SyncGrid.Domain.Records;

/// <summary>Stable short codes of <see cref="SourceStore"/> for storage, logs and the API.</summary>
public static class SourceStoreExtensions
{
    public static string ToCode(this SourceStore store) => store switch
    {
        SourceStore.StoreA => "store-a",
        SourceStore.StoreB => "store-b",
        SourceStore.RetailCrm => "retailcrm",
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, "Unknown source store."),
    };

    public static bool TryParseStore(string? code, out SourceStore store)
    {
        store = code switch
        {
            "store-a" => SourceStore.StoreA,
            "store-b" => SourceStore.StoreB,
            "retailcrm" => SourceStore.RetailCrm,
            _ => default,
        };
        return store != default;
    }
}
