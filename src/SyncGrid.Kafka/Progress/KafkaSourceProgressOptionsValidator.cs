using Microsoft.Extensions.Options;

namespace SyncGrid.Kafka.Progress;

/// <summary>Validates <see cref="KafkaSourceProgressOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class KafkaSourceProgressOptionsValidator : IValidateOptions<KafkaSourceProgressOptions>;
