using Microsoft.Extensions.Options;

namespace SyncGrid.Sources.StoreA;

/// <summary>Validates <see cref="StoreAOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class StoreAOptionsValidator : IValidateOptions<StoreAOptions>;
