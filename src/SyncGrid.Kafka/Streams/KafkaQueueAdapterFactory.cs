using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// Builds the Kafka stream provider's parts. Partition counts come from the cluster's metadata once, here: queues are
/// fixed for the life of the silo, so adding partitions takes a rolling restart.
/// </summary>
public sealed partial class KafkaQueueAdapterFactory : IQueueAdapterFactory, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly Serializer _serializer;
    private readonly KafkaMetrics _metrics;
    private readonly IKafkaDeadLetterSink? _deadLetters;
    private readonly ILoggerFactory _loggers;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly Lazy<KafkaQueueAdapter> _adapter;

    public KafkaQueueAdapterFactory(string name, KafkaStreamOptions options, IReadOnlyList<KafkaTopicLayout> topics, Serializer serializer,
        KafkaMetrics metrics, IKafkaDeadLetterSink? deadLetters, ILoggerFactory loggers)
    {
        _name = name;
        _options = options;
        _serializer = serializer;
        _metrics = metrics;
        _deadLetters = deadLetters;
        _loggers = loggers;
        Mapper = new KafkaStreamQueueMapper(topics);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggers);
        _adapter = new Lazy<KafkaQueueAdapter>(() => new KafkaQueueAdapter(_name, _options, Mapper, _serializer, _metrics, _loggers));
    }

    /// <summary>The queue mapper: one queue per (topic, partition).</summary>
    public KafkaStreamQueueMapper Mapper { get; }

    /// <summary>The factory delegate for <c>AddPersistentStreams</c>: reads the named options and the topics' partition counts.</summary>
    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var topics = DiscoverTopics(options);
        var logger = loggers.CreateLogger<KafkaQueueAdapterFactory>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var layout = string.Join(", ", topics.Select(t => $"{t.Topic}:{t.Partitions}"));
            LogTopics(logger, name, layout);
        }

        return new KafkaQueueAdapterFactory(name, options, topics, services.GetRequiredService<Serializer>(),
            services.GetRequiredService<KafkaMetrics>(), services.GetService<IKafkaDeadLetterSink>(), loggers);
    }

    /// <summary>Reads each configured topic's partition count; a missing topic stops start-up with its name.</summary>
    public static IReadOnlyList<KafkaTopicLayout> DiscoverTopics(KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options.BootstrapServers, options.ClientSettings)).Build();
        var metadata = admin.GetMetadata(options.RequestTimeout);
        return [.. options.Topics.Select(topic =>
        {
            var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            if (found is null || found.Error.IsError || found.Partitions.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Kafka topic '{topic}' is not available on {options.BootstrapServers} ({found?.Error.Reason ?? "not found"}); create it before starting the silo.");
            }

            return new KafkaTopicLayout(topic, found.Partitions.Count);
        })];
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter.Value);

    public void Dispose()
    {
        if (_adapter.IsValueCreated)
        {
            _adapter.Value.Dispose();
        }
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(
            new KafkaStreamFailureHandler(_name, queueId, _metrics, _deadLetters, _loggers.CreateLogger<KafkaStreamFailureHandler>()));

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Kafka stream provider {Provider} queues: {Topics}")]
    private static partial void LogTopics(ILogger logger, string provider, string topics);
}
