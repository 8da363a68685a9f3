namespace SyncGrid.Storage; internal static class P { }
