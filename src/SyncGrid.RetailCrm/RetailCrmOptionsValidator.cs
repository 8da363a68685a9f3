using Microsoft.Extensions.Options;

namespace SyncGrid.RetailCrm;

/// <summary>Validates <see cref="RetailCrmOptions"/> at start; a bad setting stops the host with a message naming it.</summary>
[OptionsValidator]
public sealed partial class RetailCrmOptionsValidator : IValidateOptions<RetailCrmOptions>
{
}
