using Microsoft.Extensions.Options;

namespace SyncGrid.Bitrix24;

/// <summary>Validates <see cref="Bitrix24Options"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class Bitrix24OptionsValidator : IValidateOptions<Bitrix24Options>;
