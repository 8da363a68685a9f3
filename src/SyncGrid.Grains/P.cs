namespace SyncGrid.Grains; internal static class P { }
