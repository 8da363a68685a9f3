using System.Text.Json;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>
/// The portal's requisite presets for an organisation and an individual entrepreneur, read once per silo through the
/// gateway and cached. Preset ids are portal-specific: they are found by the system presets' <c>XML_ID</c>
/// (<c>#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#</c>, <c>…_RU_INDIVIDUAL#</c>), else by name.
/// </summary>
public sealed class Bitrix24Presets : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Organization, long IndividualEntrepreneur)? _presets;

    /// <summary>The preset ids, or <see langword="null"/> when the portal could not be asked now.</summary>
    public async Task<(long Organization, long IndividualEntrepreneur)?> GetAsync(IBitrix24GatewayGrain gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (_presets is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_presets is null)
            {
                var result = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([Bitrix24Commands.ListPresets()]), cancellationToken))[0];
                if (result.Outcome == Bitrix24Outcome.Ok)
                {
                    _presets = Choose(result);
                }
            }

            return _presets;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static (long, long)? Choose(Bitrix24Result result)
    {
        using var json = result.Parse()!;
        var rows = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [];
        long? Find(string xmlPart, string name) =>
            rows.Where(r => (Bitrix24Json.ReadString(r, "XML_ID") ?? string.Empty).Contains(xmlPart, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(Bitrix24Json.ReadString(r, "NAME"), name, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.TryGetProperty("ID", out var id) ? Bitrix24Json.ReadId(id) : null)
                .FirstOrDefault(id => id is not null);
        var organization = Find("RU_COMPANY", "Организация");
        var individual = Find("RU_INDIVIDUAL", "ИП");
        return organization is { } o && individual is { } i ? (o, i) : null;
    }
}
