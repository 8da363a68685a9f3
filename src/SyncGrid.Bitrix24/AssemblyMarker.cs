namespace SyncGrid.Bitrix24; internal static class AssemblyMarker { }
