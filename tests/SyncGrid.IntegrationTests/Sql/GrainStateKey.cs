namespace SyncGrid.IntegrationTests.Sql;

/// <summary>
/// The identity parameters Orleans' ADO.NET grain storage passes to every query, named as Orleans names them. The
/// hashes are arbitrary here: SQL never computes them, it only stores and compares them.
/// </summary>
internal sealed record GrainStateKey(int GrainIdHash, long N0, long N1, int GrainTypeHash, string GrainTypeString, string? Extension, string ServiceId)
{
    /// <summary>A string-keyed grain: Orleans puts the whole key in GrainIdExtensionString with N0 = N1 = 0.</summary>
    public static GrainStateKey ForString(string key, string serviceId, string stateName = "sqltest-state") =>
        new(Hash(key), 0, 0, Hash(stateName), stateName, key, serviceId);

    /// <summary>An integer-keyed grain without key extension: N0 = 0, N1 = key, extension NULL.</summary>
    public static GrainStateKey ForInteger(long key, string serviceId, string stateName = "sqltest-state") =>
        new(Hash(key.ToString(System.Globalization.CultureInfo.InvariantCulture)), 0, key, Hash(stateName), stateName, null, serviceId);

    public (string Name, object? Value)[] Read() =>
    [
        ("GrainIdHash", GrainIdHash), ("GrainIdN0", N0), ("GrainIdN1", N1), ("GrainTypeHash", GrainTypeHash),
        ("GrainTypeString", GrainTypeString), ("GrainIdExtensionString", Extension), ("ServiceId", ServiceId),
    ];

    public (string Name, object? Value)[] Clear(int? version) => [.. Read(), ("GrainStateVersion", version)];

    public (string Name, object? Value)[] Write(int? version, byte[] payload) => [.. Clear(version), ("PayloadBinary", payload)];

    // A deterministic stand-in for Orleans' hash, so that keys differing only in case get different hashes as they would.
    private static int Hash(string text) => (int)System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(text));
}
