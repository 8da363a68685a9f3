using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SyncGrid.Grains.Ingest;

/// <summary>How <see cref="RecordStreamGrain"/> hands a stream event's records to their ingest grains (section <c>Ingest</c>).</summary>
public sealed class RecordStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest";

    /// <summary>
    /// Keys one stream event ingests at once (a key's own records always go one after another, in partition order).
    /// With a silo's partitions and <c>Kafka:RecordStreamsPerPartition</c> it bounds the records in delivery. Default 16
    /// (with <c>Kafka:MaxRecordsPerEvent</c> 16, every key of an event at once).
    /// </summary>
    [Range(1, 1024)]
    public int KeysInFlightPerEvent { get; set; } = 16;
}

/// <summary>Validates <see cref="RecordStreamOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class RecordStreamOptionsValidator : IValidateOptions<RecordStreamOptions>;
