using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Producing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Kafka record producer for extractors.</summary>
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
}
