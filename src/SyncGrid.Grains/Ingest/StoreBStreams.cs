using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SyncGrid.Grains.Ingest;

/// <summary>Names of the store B streams: the SAP change events and the records of the export importer.</summary>
public static partial class StoreBStreams
{
    /// <summary>The stream provider the store B topics are read through.</summary>
    public const string Provider = "kafka";

    /// <summary>The stream namespace: the store B topic (the Kafka provider names raw-record streams after their topic).</summary>
    public const string Namespace = "sapcrm.partners";

    /// <summary>The default topic (and stream namespace) of the export importer's records.</summary>
    public const string ExportsNamespace = "syncgrid.store-b-exports";

    /// <summary>The configuration key naming the exports topic (default <see cref="ExportsNamespace"/>).</summary>
    public const string ExportsTopicSetting = "Ingest:ExportsTopic";

    /// <summary>
    /// The namespaces the partner ingest grains take as export records: any topic whose name contains
    /// <see cref="ExportsNamespace"/>, so a deployment may prefix or suffix it (<c>prod.syncgrid.store-b-exports</c>).
    /// Orleans fixes implicit subscriptions at build time, so this pattern, not a setting, decides what the grains read.
    /// </summary>
    public const string ExportsNamespacePattern = @"syncgrid\.store-b-exports";

    /// <summary>Whether <paramref name="streamNamespace"/> carries export records (see <see cref="ExportsNamespacePattern"/>).</summary>
    public static bool IsExportsNamespace(string? streamNamespace) =>
        streamNamespace is not null && ExportsRegex().IsMatch(streamNamespace);

    /// <summary>
    /// The exports topic from the <see cref="ExportsTopicSetting"/> value (<see langword="null"/> or empty: the default).
    /// A name the grains would not read stops start-up with a message naming the setting, instead of losing the records.
    /// </summary>
    /// <exception cref="OptionsValidationException">The name does not contain <see cref="ExportsNamespace"/>.</exception>
    public static string ExportsTopic(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return ExportsNamespace;
        }

        var topic = configured.Trim();
        return IsExportsNamespace(topic)
            ? topic
            : throw new OptionsValidationException(ExportsTopicSetting, typeof(string),
                [$"{ExportsTopicSetting}: '{topic}' does not contain '{ExportsNamespace}'; the partner ingest grains only read export records from such topics."]);
    }

    [GeneratedRegex(ExportsNamespacePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ExportsRegex();
}
