namespace SyncGrid.Kafka; internal static class AssemblyMarker { }
