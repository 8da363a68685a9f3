namespace SyncGrid.Sources;

/// <summary>What one <see cref="StoreBExportScanner.Next"/> call ended with.</summary>
internal enum ScanStep
{
    NeedMore,
    Item,
    Done,
}
