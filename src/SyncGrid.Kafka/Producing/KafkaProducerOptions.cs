using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Kafka.Producing;

/// <summary>The <c>Kafka:Producer</c> section: the record producer extractors publish through.</summary>
public sealed class KafkaProducerOptions
{
    /// <summary>The Kafka brokers, <c>host:port,host:port</c>. Required.</summary>
    [Required]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>How long a record may wait for acknowledgement (librdkafka <c>message.timeout.ms</c>) before the batch fails. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra librdkafka settings (security, SASL). Never logged. Default empty.</summary>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
