using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// One Kafka stream provider (named options, keyed by the provider name). Every (topic, partition) is one Orleans
/// stream queue; partition counts are read from the cluster's metadata when the provider starts.
/// </summary>
public sealed class KafkaStreamOptions
{
    /// <summary>The Kafka brokers, <c>host:port,host:port</c>. Required.</summary>
    [Required]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>
    /// The topics this provider reads and writes; each must exist. A stream whose namespace equals a topic name goes to that
    /// topic; any other stream goes to the first topic. Required, at least one.
    /// </summary>
    [Required]
    [MinLength(1)]
    public IList<string> Topics { get; } = [];

    /// <summary>The consumer group whose committed offsets (stored in Kafka) mark what grains have acknowledged. Default <c>syncgrid</c>.</summary>
    [Required]
    public string ConsumerGroupId { get; set; } = "syncgrid";

    /// <summary>
    /// How long one read waits for the first record of a partition. Default 0: a read takes what the consumer has already
    /// fetched in the background (librdkafka prefetches every assigned partition) and never holds a thread-pool thread;
    /// the pulling agent's poll period paces the reads. A blocking wait here costs one thread per idle partition.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>The most records one read takes from a partition (the queue cache may ask for fewer). Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Streams the records an extractor published (no stream header) are spread over, per partition: a record goes to
    /// stream (topic, "partition.bucket") with the bucket a stable hash of its key, so one key always meets the same
    /// stream and stays in partition order, while the partition's buckets are delivered concurrently. Default 16.
    /// </summary>
    [Range(1, 4096)]
    public int RecordStreamsPerPartition { get; set; } = 16;

    /// <summary>
    /// The most extractor records one stream event carries: consecutive records of one bucket read in one poll travel
    /// as one event (one delivery, one acknowledgement). Keep an event's work well inside the silo's response timeout:
    /// a delivery that times out is retried whole while the first attempt still runs. Default 16.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRecordsPerEvent { get; set; } = 16;

    /// <summary>Batches kept per partition in the queue cache until every consumer has them. Default 4096.</summary>
    [Range(16, 1_000_000)]
    public int CacheSize { get; set; } = 4096;

    /// <summary>How long the provider waits for metadata at start-up and for a commit. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Extra librdkafka settings for every client of the provider (for example <c>security.protocol</c>, <c>sasl.*</c>).
    /// They are never logged. Default empty.
    /// </summary>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
