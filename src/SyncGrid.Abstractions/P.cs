namespace SyncGrid.Abstractions; internal static class P { }
