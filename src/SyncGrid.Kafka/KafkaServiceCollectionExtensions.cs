using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Kafka;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Kafka.Producing;
using SyncGrid.Kafka.Progress;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Kafka record producer for extractors, and the Kafka source progress for the API.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="KafkaProducerOptions"/> and registers one <see cref="KafkaRecordProducer"/>.</summary>
    public static IServiceCollection AddKafkaRecordProducer(this IServiceCollection services, Action<KafkaProducerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KafkaProducerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaProducerOptions>, KafkaProducerOptionsValidator>());
        KafkaMetrics.Register(services);
        services.TryAddSingleton<KafkaRecordProducer>();
        return services;
    }

    /// <summary>
    /// Binds and validates <see cref="KafkaSourceProgressOptions"/> and adds <see cref="KafkaSourceProgressProvider"/> to the
    /// <see cref="ISourceProgressProvider"/>s (idempotent).
    /// </summary>
    public static IServiceCollection AddKafkaSourceProgress(this IServiceCollection services, Action<KafkaSourceProgressOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KafkaSourceProgressOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaSourceProgressOptions>, KafkaSourceProgressOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceProgressProvider, KafkaSourceProgressProvider>());
        return services;
    }
}
