namespace SyncGrid.Sources.Import;

/// <summary>A snapshot of a running import, for a progress display.</summary>
/// <param name="File">The file name.</param>
/// <param name="FileSize">The file's size in bytes (compressed, as stored).</param>
/// <param name="FilePosition">How far into the file (as stored) the reader is, in bytes.</param>
/// <param name="StartPosition">Where this run's reading began counting: 0, or the resume offset when the reader jumped there.</param>
/// <param name="Read">Partners read in this run (after the checkpoint).</param>
/// <param name="Published">Records acknowledged in this run.</param>
/// <param name="Rejected">Malformed partners among <paramref name="Read"/>.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record ImportProgress(string File, long FileSize, long FilePosition, long StartPosition, long Read, long Published, long Rejected, TimeSpan Elapsed)
{
    /// <summary>File bytes per second over this run, in MB (10^6 bytes).</summary>
    public double MegabytesPerSecond => Elapsed > TimeSpan.Zero ? (FilePosition - StartPosition) / 1e6 / Elapsed.TotalSeconds : 0;

    /// <summary>Partners read per second over this run.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Read / Elapsed.TotalSeconds : 0;

    /// <summary>The share of the file read, 0 to 1.</summary>
    public double Fraction => FileSize > 0 ? Math.Clamp((double)FilePosition / FileSize, 0, 1) : 1;

    /// <summary>The time left at this run's byte rate; <see langword="null"/> until there is a rate.</summary>
    public TimeSpan? Eta
    {
        get
        {
            var rate = Elapsed > TimeSpan.Zero ? (FilePosition - StartPosition) / Elapsed.TotalSeconds : 0;
            return rate > 0 ? TimeSpan.FromSeconds(Math.Max(FileSize - FilePosition, 0) / rate) : null;
        }
    }
}
