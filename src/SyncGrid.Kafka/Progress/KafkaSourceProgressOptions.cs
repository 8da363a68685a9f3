using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Kafka.Progress;

/// <summary>Which consumer group's progress <see cref="KafkaSourceProgressProvider"/> reports, on which topics.</summary>
public sealed class KafkaSourceProgressOptions
{
    /// <summary>The Kafka brokers, <c>host:port,host:port</c>. Required.</summary>
    [Required]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>The consumer group whose committed offsets mark what the grains have durably handled. Default <c>syncgrid</c>.</summary>
    [Required]
    public string ConsumerGroupId { get; set; } = "syncgrid";

    /// <summary>The topics to report, one progress row each. Required, at least one.</summary>
    [Required]
    [MinLength(1)]
    public IList<string> Topics { get; } = [];

    /// <summary>How long one metadata or offsets request may take. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra librdkafka settings (security, SASL). Never logged. Default empty.</summary>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
