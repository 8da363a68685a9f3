using System.Globalization;

namespace SyncGrid.Generator;

/// <summary>What <see cref="DataGenerator"/> generates and where it puts it.</summary>
public sealed record GeneratorOptions
{
    /// <summary>The scale: company source records (store A company rows plus store B partner ids). See <see cref="GeneratorScale"/>.</summary>
    public int Companies { get; init; } = GeneratorScale.Demo;

    /// <summary>The seed: the same seed and scale always give the same bytes.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Where the files go (created when missing); <see langword="null"/> writes no files.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether store A is written as a SQL file (<c>storea.sql</c>) in <see cref="OutputDirectory"/>. Default yes.</summary>
    public bool WriteStoreASql { get; init; } = true;

    /// <summary>A MariaDB connection string with a database: store A's tables are created there and filled.</summary>
    public string? StoreAConnectionString { get; init; }

    /// <summary>Drop store A's tables first when they exist; without it, tables that hold rows stop the run.</summary>
    public bool ReplaceStoreA { get; init; }

    /// <summary>How many companies the expected outcome describes in full. Default 200.</summary>
    public int SampleSize { get; init; } = 200;

    /// <summary>Receives every store B message in stream order (to produce it to Kafka or hand it to the ingest).</summary>
    public Func<GeneratedEvent, CancellationToken, ValueTask>? OnEvent { get; init; }

    /// <summary>Receives every store A company row as written (the latin1 columns as their raw bytes).</summary>
    public Action<GeneratedCompanyRow>? OnStoreACompany { get; init; }

    /// <summary>Receives every store A contact row as written.</summary>
    public Action<GeneratedContactRow>? OnStoreAContact { get; init; }
}

/// <summary>The named scales of <c>syncgrid generate --scale</c>.</summary>
public static class GeneratorScale
{
    /// <summary>About 5,000 companies: the demo's size, generated in seconds.</summary>
    public const int Demo = 5_000;

    /// <summary>The real volume: 53,000 store A companies and 125,000 store B partners.</summary>
    public const int Seed = 178_000;

    /// <summary>The smallest scale that still holds every kind of record.</summary>
    public const int Minimum = 100;

    /// <summary>Reads <c>demo</c>, <c>seed</c> or a number of companies.</summary>
    public static bool TryParse(string? text, out int companies)
    {
        companies = 0;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "demo":
                companies = Demo;
                return true;
            case "seed":
                companies = Seed;
                return true;
            case { } number when int.TryParse(number.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= Minimum && n <= 10_000_000:
                companies = n;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>One store B message: the Kafka key (the partner id) and value (UTF-8 JSON, or the bytes of a poison message).</summary>
public sealed record GeneratedEvent(string Key, byte[] Value);

/// <summary>A store A company row as the generator wrote it; latin1 columns are raw bytes (windows-1251 or UTF-8).</summary>
public sealed record GeneratedCompanyRow(
    int Id,
    byte[]? Name,
    byte[]? Inn,
    string? Kpp,
    string? Ogrn,
    byte[]? LegalAddress,
    byte[]? Phone,
    string? Email,
    string? Bik,
    string? BankAccount,
    byte[]? BankName,
    DateTime UpdatedAt,
    bool IsDeleted);

/// <summary>A store A contact row as the generator wrote it.</summary>
public sealed record GeneratedContactRow(
    int Id,
    int? CompanyId,
    byte[]? FullName,
    byte[]? Position,
    byte[]? Phone,
    string? Email,
    DateTime UpdatedAt,
    bool IsDeleted);

/// <summary>A file the generator wrote.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Kind"><c>store-a-sql</c>, <c>store-b-export</c>, <c>store-b-events</c>, <c>register</c>, <c>expected</c>.</param>
/// <param name="Bytes">Its size on disk.</param>
/// <param name="Records">Rows, partners, messages or register units it holds.</param>
/// <param name="Encoding">The text encoding (<c>utf-8</c> or <c>windows-1251</c>).</param>
/// <param name="Gzip">Whether it is gzip-compressed.</param>
/// <param name="ExportedAt">An export's <c>exportedAt</c>.</param>
public sealed record GeneratedFile(string Path, string Kind, long Bytes, long Records, string Encoding, bool Gzip, DateTimeOffset? ExportedAt = null);

/// <summary>What a generation produced.</summary>
public sealed record GenerationResult
{
    public required ExpectedOutcome Expected { get; init; }

    public required IReadOnlyList<GeneratedFile> Files { get; init; }

    /// <summary>Wall time of the generation.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Store A values written as UTF-8 although their row is windows-1251 (characters windows-1251 lacks, or bytes that would read as UTF-8).</summary>
    public required int Utf8Fallbacks { get; init; }
}
