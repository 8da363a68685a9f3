using Microsoft.Extensions.Options;

namespace SyncGrid.Kafka.Producing;

/// <summary>Validates <see cref="KafkaProducerOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class KafkaProducerOptionsValidator : IValidateOptions<KafkaProducerOptions>;
