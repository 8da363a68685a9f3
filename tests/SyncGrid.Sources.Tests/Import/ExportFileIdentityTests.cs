using SyncGrid.Sources.Import;

namespace SyncGrid.Sources.Tests.Import;

public sealed class ExportFileIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<ExportFileIdentity> WriteAsync(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        return await ExportFileIdentity.ComputeAsync(path);
    }

    private static byte[] Content(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task ComputeAsync_SameNameAndContentInAnotherDirectory_SameIdentity()
    {
        var content = Content(3 << 20);
        var a = await WriteAsync("a/export.json", content);
        var b = await WriteAsync("b/export.json", content);

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a.Id);
        Assert.Equal(("export.json", 3L << 20), (a.Name, a.Size));
    }

    [Theory]
    [InlineData(0)]
    [InlineData((3 << 20) - 1)]
    public async Task ComputeAsync_ByteChangedInTheFirstOrLastMebibyte_NewIdentity(int position)
    {
        var content = Content(3 << 20);
        var before = await WriteAsync("x/export.json", content);
        content[position] ^= 0xFF;
        var after = await WriteAsync("y/export.json", content);

        Assert.NotEqual(before.Id, after.Id);
    }

    [Fact]
    public async Task ComputeAsync_FileGrowsOrIsRenamed_NewIdentity()
    {
        var content = Content(100_000);
        var original = await WriteAsync("export.json", content);
        var grown = await WriteAsync("g/export.json", [.. content, 0x20]);
        var renamed = await WriteAsync("export-2.json", content);

        Assert.NotEqual(original.Id, grown.Id);
        Assert.NotEqual(original.Id, renamed.Id);
    }

    [Fact]
    public async Task ComputeAsync_EmptyFile_HasAnIdentity()
    {
        var empty = await WriteAsync("empty.json", []);
        Assert.Equal(0, empty.Size);
        Assert.Equal(64, empty.Id.Length);
    }
}
