namespace SyncGrid.Sources.Import;

/// <summary>What one import run did.</summary>
public sealed record ImportSummary
{
    /// <summary>The file name.</summary>
    public required string File { get; init; }

    /// <summary>The file's identity (<see cref="ExportFileIdentity.Id"/>), the checkpoint's key.</summary>
    public required string FileId { get; init; }

    /// <summary>The topic records went to.</summary>
    public required string Topic { get; init; }

    /// <summary>How the run ended.</summary>
    public required ImportOutcome Outcome { get; init; }

    /// <summary>The checkpointed partner index this run resumed after; <see langword="null"/> when it started at the beginning.</summary>
    public long? ResumedAfter { get; init; }

    /// <summary>Whether the reader jumped to the checkpoint's offset instead of scanning up to it.</summary>
    public bool Jumped { get; init; }

    /// <summary>Records published and acknowledged in this run.</summary>
    public long Published { get; init; }

    /// <summary>Malformed partners among them (published as rejections).</summary>
    public long Rejected { get; init; }

    /// <summary>Records acknowledged for this file over all runs (from the checkpoint).</summary>
    public long TotalRecords { get; init; }

    /// <summary>Batches published in this run.</summary>
    public int Batches { get; init; }

    /// <summary>The index of the last acknowledged partner (the checkpoint).</summary>
    public long LastIndex { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public long FileBytes { get; init; }

    /// <summary>File bytes this run read (from where it started reading).</summary>
    public long BytesRead { get; init; }

    /// <summary>How long the run took.</summary>
    public double Seconds { get; init; }

    /// <summary>Seconds from the start of the run until its first batch was acknowledged; <see langword="null"/> without one.</summary>
    public double? FirstPublishSeconds { get; init; }

    /// <summary>Records acknowledged per second in this run.</summary>
    public double RecordsPerSecond => Seconds > 0 ? Published / Seconds : 0;

    /// <summary>File MB (10^6 bytes) read per second in this run.</summary>
    public double MegabytesPerSecond => Seconds > 0 ? BytesRead / 1e6 / Seconds : 0;

    /// <summary>For <see cref="ImportOutcome.Broken"/>, why the file could not be read further.</summary>
    public string? Error { get; init; }
}
