using Microsoft.Extensions.Options;

namespace SyncGrid.Grains.Orders;

/// <summary>Validates <see cref="OrdersOptions"/> at start; a bad setting stops the host with a message naming it.</summary>
[OptionsValidator]
public sealed partial class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
}
