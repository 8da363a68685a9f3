using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SyncGrid.Kafka.Health;

/// <summary>
/// Readiness of Kafka: the cluster's metadata can be read within the check's time, and every topic this process needs
/// exists with partitions. One admin client serves every check; it is created on the first one.
/// </summary>
public sealed class KafkaHealthCheck : IHealthCheck, IDisposable
{
    private readonly string _bootstrapServers;
    private readonly IReadOnlyList<string> _topics;
    private readonly IReadOnlyDictionary<string, string> _clientSettings;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private IAdminClient? _admin;

    /// <param name="bootstrapServers">The brokers (<c>Kafka:BootstrapServers</c>).</param>
    /// <param name="topics">Topics that must exist.</param>
    /// <param name="timeout">How long a metadata request may take.</param>
    /// <param name="clientSettings">Extra librdkafka settings (security), as the stream provider has them.</param>
    public KafkaHealthCheck(string bootstrapServers, IEnumerable<string> topics, TimeSpan timeout, IReadOnlyDictionary<string, string>? clientSettings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(topics);
        _bootstrapServers = bootstrapServers;
        _topics = [.. topics.Distinct(StringComparer.Ordinal)];
        _timeout = timeout;
        _clientSettings = clientSettings ?? new Dictionary<string, string>();
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // librdkafka's metadata call blocks: keep it off the caller's thread, bounded by the timeout.
            var metadata = await Task.Run(() => Admin().GetMetadata(_timeout), cancellationToken).WaitAsync(_timeout + TimeSpan.FromSeconds(1), cancellationToken);
            var missing = _topics.Where(t => !metadata.Topics.Exists(m => m.Topic == t && !m.Error.IsError && m.Partitions.Count > 0)).ToList();
            var data = new Dictionary<string, object> { ["brokers"] = metadata.Brokers.Count, ["topics"] = _topics.Count - missing.Count };
            if (metadata.Brokers.Count == 0)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {_bootstrapServers} reports no brokers.", data: data);
            }

            return missing.Count == 0
                ? HealthCheckResult.Healthy($"Kafka answers: {metadata.Brokers.Count} brokers, {_topics.Count} topics present.", data)
                : HealthCheckResult.Unhealthy($"Kafka topics missing on {_bootstrapServers}: {string.Join(", ", missing)}.", data: data);
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Kafka at {_bootstrapServers} did not answer a metadata request: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _admin?.Dispose();
            _admin = null;
        }
    }

    private IAdminClient Admin()
    {
        lock (_gate)
        {
            return _admin ??= new AdminClientBuilder(KafkaClientConfigs.Admin(_bootstrapServers, _clientSettings)).Build();
        }
    }
}
