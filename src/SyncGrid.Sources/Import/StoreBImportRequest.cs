using System.ComponentModel.DataAnnotations;
using System.Text;

namespace SyncGrid.Sources.Import;

/// <summary>What <see cref="StoreBExportImporter"/> imports, to where, and how.</summary>
public sealed record StoreBImportRequest
{
    /// <summary>The default topic: the internal store B exports topic the partner ingest grains read.</summary>
    public const string DefaultTopic = "syncgrid.store-b-exports";

    /// <summary>The export file (<c>.json</c> or <c>.json.gz</c>; gzip is also recognised by its magic bytes). Required.</summary>
    [Required]
    public required string Path { get; init; }

    /// <summary>The topic records are published to. Default <see cref="DefaultTopic"/>.</summary>
    [Required]
    public string Topic { get; init; } = DefaultTopic;

    /// <summary>The file's text encoding. Default UTF-8; older exports are windows-1251.</summary>
    public Encoding Encoding { get; init; } = Encoding.UTF8;

    /// <summary>
    /// Records per published batch. The checkpoint moves once per acknowledged batch, so after a crash at most one
    /// batch is published again. Default 1000.
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; init; } = 1000;

    /// <summary>Forget the file's checkpoint and import it from the beginning. Default false.</summary>
    public bool Restart { get; init; }

    /// <summary>
    /// The partners' source time when the export has no <c>exportedAt</c> before its partners. Default
    /// <see langword="null"/>: the file's last write time.
    /// </summary>
    public DateTimeOffset? FallbackTime { get; init; }

    /// <summary>How often the progress callback is called while reading. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The reader's buffer in bytes. Default 1 MiB.</summary>
    [Range(4096, 64 << 20)]
    public int BufferSize { get; init; } = 1 << 20;
}
