using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// Store A on a silo: with <c>Sources:StoreA:ConnectionString</c> set, the replica reader, the Kafka publisher of its
/// rows and the coordinator started at silo start; the ingest topic joins the Kafka stream provider's topics.
/// </summary>
public static class StoreAHosting
{
    /// <summary>
    /// Reads and validates the <c>Sources:StoreA</c> section; <see langword="null"/> when its connection string is not set
    /// (store A is not read). A bad value stops start-up with a message naming the setting.
    /// </summary>
    public static StoreAOptions? ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StoreAOptions.Section);
        if (string.IsNullOrWhiteSpace(section["ConnectionString"]))
        {
            return null;
        }

        var options = section.Get<StoreAOptions>() ?? new StoreAOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(StoreAOptions.Section, typeof(StoreAOptions),
                errors.Select(e => $"{StoreAOptions.Section}:{string.Join(",", e.MemberNames)}: {e.ErrorMessage}"));
        }

        if (string.IsNullOrWhiteSpace(configuration["Kafka:BootstrapServers"]))
        {
            throw new OptionsValidationException(StoreAOptions.Section, typeof(StoreAOptions),
                [$"{StoreAOptions.Section}:ConnectionString is set, so Kafka:BootstrapServers is required: store A rows reach the grid through Kafka."]);
        }

        return options;
    }

    /// <summary>Registers store A's reader, publisher and coordinator start when <paramref name="options"/> is set.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, IConfiguration configuration, StoreAOptions? options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        if (options is null)
        {
            return silo;
        }

        var section = configuration.GetSection(StoreAOptions.Section);
        silo.Services.AddStoreAReader(section.Bind);
        silo.Services.AddKafkaRecordProducer(o => o.BootstrapServers = configuration["Kafka:BootstrapServers"]!);
        silo.Services.TryAddSingleton<IStoreARecordPublisher, KafkaStoreARecordPublisher>();
        return silo.AddStoreACoordinator();
    }
}
