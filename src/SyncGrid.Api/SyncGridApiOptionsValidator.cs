using Microsoft.Extensions.Options;

namespace SyncGrid.Api;

/// <summary>Validates <see cref="SyncGridApiOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class SyncGridApiOptionsValidator : IValidateOptions<SyncGridApiOptions>;
