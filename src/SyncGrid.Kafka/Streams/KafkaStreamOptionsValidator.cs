using Microsoft.Extensions.Options;

namespace SyncGrid.Kafka.Streams;

/// <summary>Validates <see cref="KafkaStreamOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>;
