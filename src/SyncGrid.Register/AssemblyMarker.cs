namespace SyncGrid.Register; internal static class AssemblyMarker { }
