using System.IO.Compression;
using System.Text;

namespace SyncGrid.Generator;

/// <summary>
/// Streams one store B export file (<c>{"exportedAt", "source", "partners": [...]}</c>), one partner per line,
/// optionally gzip-compressed and/or windows-1251 encoded. Memory stays flat whatever the file's size. Without a
/// directory it only counts, so that the expected outcome never depends on whether files are written.
/// </summary>
internal sealed class ExportFileWriter : IDisposable
{
    private static readonly byte[] Separator = ",\n"u8.ToArray();
    private readonly FileStream? _file;
    private readonly Stream? _out;
    private bool _first = true;
    private bool _completed;

    public ExportFileWriter(string? directory, string name, DateTimeOffset exportedAt, bool gzip, Encoding? encoding)
    {
        Name = name;
        ExportedAt = exportedAt;
        Gzip = gzip;
        Encoding = encoding;
        if (directory is null)
        {
            return;
        }

        Path = System.IO.Path.Combine(directory, name);
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Stream stream = gzip ? new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true) : _file;
        if (encoding is not null)
        {
            stream = System.Text.Encoding.CreateTranscodingStream(stream, encoding, System.Text.Encoding.UTF8, leaveOpen: stream == _file);
        }

        _out = stream;
        _out.Write(System.Text.Encoding.UTF8.GetBytes($"{{\"exportedAt\":\"{ExportedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"source\":\"sapcrm\",\"partners\":[\n"));
    }

    /// <summary>The file name.</summary>
    public string Name { get; }

    /// <summary>The full path; <see langword="null"/> when only counting.</summary>
    public string? Path { get; }

    public DateTimeOffset ExportedAt { get; }

    public bool Gzip { get; }

    /// <summary>The file's encoding when not UTF-8.</summary>
    public Encoding? Encoding { get; }

    /// <summary>Entries written so far (partners and malformed entries): the next entry's index.</summary>
    public long Entries { get; private set; }

    public int Partners { get; private set; }

    public int Malformed { get; private set; }

    public long ContactEntries { get; private set; }

    public long Bytes { get; private set; }

    public void AddPartner(ReadOnlySpan<byte> json, int contacts)
    {
        Add(json);
        Partners++;
        ContactEntries += contacts;
    }

    /// <summary>An entry of the partners array that is not a partner.</summary>
    public void AddMalformed(ReadOnlySpan<byte> json)
    {
        Add(json);
        Malformed++;
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_out is null || _file is null)
        {
            return;
        }

        _out.Write("\n]}\n"u8);
        _out.Flush();
        if (_out != _file)
        {
            _out.Dispose();
        }

        _file.Flush();
        Bytes = _file.Length;
        _file.Dispose();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _out?.Dispose();
            _file?.Dispose();
        }
    }

    private void Add(ReadOnlySpan<byte> json)
    {
        Entries++;
        if (_out is null)
        {
            return;
        }

        if (!_first)
        {
            _out.Write(Separator);
        }

        _first = false;
        _out.Write(json);
    }
}
