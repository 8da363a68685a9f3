using System.Collections.Concurrent;
using System.Text.Json;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// The Bitrix24 deal stages of each pipeline with their semantics (<c>S</c> won, <c>F</c> lost, none in progress), read
/// through the gateway once per silo and pipeline: what the start-up check validates against, and how an order grain
/// knows that a stage is a failure (a cancellation or a return, which gets a task).
/// </summary>
public sealed class OrderDictionaries
{
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<string, string?>> _stages = new();

    /// <summary>The stages of a pipeline (id → semantics), read on first use; <see langword="null"/> when Bitrix24 cannot be read now.</summary>
    public async Task<IReadOnlyDictionary<string, string?>?> StagesAsync(IGrainFactory grains, string portal, int categoryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_stages.TryGetValue(categoryId, out var known))
        {
            return known;
        }

        var result = (await grains.GetGrain<IBitrix24GatewayGrain>(portal).ExecuteAsync(new ValueList<Bitrix24Command>([OrderCommands.Stages(categoryId)]), cancellationToken))[0];
        if (result.Outcome != Bitrix24Outcome.Ok)
        {
            return null;
        }

        using var json = result.Parse()!;
        var stages = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in json.RootElement.EnumerateArray())
            {
                if (Bitrix24Json.ReadString(row, "STATUS_ID") is { } id)
                {
                    stages[id] = Bitrix24Json.ReadString(row, "SEMANTICS");
                }
            }
        }

        _stages[categoryId] = stages;
        return stages;
    }

    /// <summary>The stages of a pipeline if already read.</summary>
    public IReadOnlyDictionary<string, string?>? Known(int categoryId) => _stages.TryGetValue(categoryId, out var known) ? known : null;

    /// <summary>Forgets what was read (the dictionary changed in Bitrix24).</summary>
    public void Clear() => _stages.Clear();
}
