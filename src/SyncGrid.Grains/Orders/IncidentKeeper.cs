using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// Opens an incident at the first failure, adds each further failure to its history, alerts the responsible people
/// once through Bitrix24 notifications (<c>im.notify.system.add</c>, tagged with the incident so a repeat replaces
/// rather than adds), and closes it when the work succeeds. The caller persists <see cref="IncidentState"/>.
/// </summary>
internal sealed class IncidentKeeper(IncidentState state, IOrderLog? log, TimeProvider time)
{
    public async Task FailAsync(string idPrefix, string scope, long? orderId, string code, string title, string error, IReadOnlyCollection<int> recipients, IBitrix24GatewayGrain gateway, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (state.Open is null)
        {
            state.Count++;
            state.Open = new OrderIncident
            {
                Id = $"{idPrefix}-{state.Count.ToString(CultureInfo.InvariantCulture)}",
                OrderId = orderId,
                Scope = scope,
                Code = code,
                Title = title,
                OpenedAt = now,
                LastError = error,
                Failures = 1,
            };
            if (log is not null)
            {
                await log.OpenIncidentAsync(state.Open, new OrderIncidentEntry(now, "opened", $"{code}: {error}"), cancellationToken);
            }
        }
        else
        {
            state.Open = state.Open with { Failures = state.Open.Failures + 1, LastError = error, Code = code };
            if (log is not null)
            {
                await log.UpdateIncidentAsync(state.Open, new OrderIncidentEntry(now, "failed again", $"{code}: {error}"), cancellationToken);
            }
        }

        if (state.Open.Alerted || recipients.Count == 0)
        {
            return;
        }

        var incident = state.Open;
        var message = $"[b]SyncGrid[/b]: {incident.Title}. {error} (incident {incident.Id}; retries continue, this is the only alert)";
        var group = new ValueList<Bitrix24Command>(recipients.Select(user => OrderCommands.Notify(user, message, Tag(incident.Id, user))));
        string what;
        string detail;
        try
        {
            var results = await gateway.ExecuteAsync(group, cancellationToken);
            var failed = results.FirstOrDefault(r => r.Outcome != Bitrix24Outcome.Ok);
            if (failed is null)
            {
                state.Open = incident with { Alerted = true };
                what = "alerted";
                detail = $"users {string.Join(", ", recipients)}";
            }
            else
            {
                what = "alert failed";
                detail = failed.ToString();
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            what = "alert failed";
            detail = e.Message;
        }

        if (log is not null)
        {
            await log.UpdateIncidentAsync(state.Open, new OrderIncidentEntry(time.GetUtcNow(), what, detail), cancellationToken);
        }
    }

    /// <summary>
    /// The notification tag of an incident's alert to one user: a repeat replaces the earlier notification (the portal
    /// drops notifications with the same tag), and each recipient has their own.
    /// </summary>
    public static string Tag(string incidentId, int userId) => $"syncgrid-incident-{incidentId}-u{userId.ToString(CultureInfo.InvariantCulture)}";

    public async Task ResolveAsync(string note, CancellationToken cancellationToken)
    {
        if (state.Open is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var closed = state.Open with { ClosedAt = now };
        state.Open = null;
        if (log is not null)
        {
            await log.UpdateIncidentAsync(closed, new OrderIncidentEntry(now, "resolved", note), cancellationToken);
        }
    }
}
