using Microsoft.Extensions.Options;

namespace SyncGrid.Register;

/// <summary>Validates <see cref="RegisterOptions"/> at start; a bad setting stops the host with a message naming it.</summary>
[OptionsValidator]
public sealed partial class RegisterOptionsValidator : IValidateOptions<RegisterOptions>
{
}
