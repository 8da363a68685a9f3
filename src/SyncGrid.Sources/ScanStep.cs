namespace SyncGrid.Sources;

/// <summary>What one <see cref="StoreBExportScanner.Next"/> call ended with.</summary>
internal enum ScanStep
{
    NeedMore,
    Item,
    Done,

    /// <summary>The <c>partners</c> array has just opened (only when the scanner was asked to pause there).</summary>
    PartnersOpened,
}
