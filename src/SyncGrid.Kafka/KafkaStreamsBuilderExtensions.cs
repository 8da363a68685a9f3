using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Streams;

namespace Orleans.Hosting;

/// <summary>Registers the Kafka persistent stream provider on a silo or a client.</summary>
public static class KafkaStreamsBuilderExtensions
{
    /// <summary>
    /// Adds the Kafka stream provider <paramref name="name"/>: one queue per (topic, partition), implicit subscriptions only
    /// (no PubSubStore), the consistent-ring queue balancer, offsets committed after delivery. <paramref name="configureStreams"/>
    /// may tune the pulling agent or switch balancers (for example <c>UseLeaseBasedQueueBalancer</c>).
    /// </summary>
    public static ISiloBuilder AddSyncGridKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddServices(builder.Services, name, configure);
        builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.UseConsistentRingQueueBalancer();
            configureStreams?.Invoke(streams);
        });
        return builder;
    }

    /// <summary>Adds the Kafka stream provider <paramref name="name"/> to a client, for producing from outside the silos.</summary>
    public static IClientBuilder AddSyncGridKafkaStreams(this IClientBuilder builder, string name, Action<KafkaStreamOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddServices(builder.Services, name, configure);
        builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        return builder;
    }

    private static void AddServices(IServiceCollection services, string name, Action<KafkaStreamOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KafkaStreamOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidator>());
        KafkaMetrics.Register(services);
    }
}
