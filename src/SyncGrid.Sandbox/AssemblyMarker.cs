namespace SyncGrid.Sandbox; internal static class AssemblyMarker { }
