using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Grains.Orders;

namespace SyncGrid.Grains;

/// <summary>
/// The contact as an order's customer: the same grain (the same person by the identity rule) whether the person came
/// from a company source or from a RetailCRM order, so they end up as one Bitrix24 contact. Found by the id this grain
/// keeps, after a lost add by <c>ORIGIN_ID</c>, else by Bitrix24's duplicate search (e-mail first, then phone), else
/// created; then enriched with the purchase history.
/// </summary>
public sealed partial class ContactGrain
{
    /// <inheritdoc />
    public async Task<OrderContactResult> ResolveForOrderAsync(OrderContactRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Customer.Key != _key)
        {
            throw new ArgumentException($"Contact {_key} was given the customer {request.Customer.Key}.", nameof(request));
        }

        var b = state.State.Bitrix24;
        var orders = state.State.Orders;
        var dirty = !orders.Purchases.TryGetValue(request.Purchase.OrderId, out var known) || known != request.Purchase;
        orders.Purchases[request.Purchase.OrderId] = request.Purchase;
        var gateway = GrainFactory.GetGrain<IBitrix24GatewayGrain>(request.Portal);
        var how = "known";
        var history = History(orders);
        try
        {
            if (b.ContactId is null && b.AddOutcomeUnknown)
            {
                var found = await RunOneAsync(gateway, OrderCommands.FindContactByOrigin(Bitrix24CompanyImage.Originator, _key.Value), cancellationToken);
                if (found.Outcome != Bitrix24Outcome.Ok)
                {
                    return Failure(found, "crm.contact.list");
                }

                b.ContactId = Bitrix24Results.Ids(found).Select(x => (long?)x.Id).FirstOrDefault();
                b.AddOutcomeUnknown = false;
                dirty = true;
                how = "found-by-origin";
            }

            if (b.ContactId is null)
            {
                var (id, via, failure) = await FindDuplicateAsync(gateway, request, cancellationToken);
                if (failure is not null)
                {
                    return failure;
                }

                if (id is not null)
                {
                    b.ContactId = id;
                    dirty = true;
                    how = via;
                }
            }

            if (b.ContactId is null)
            {
                b.AddOutcomeUnknown = true;
                await PersistAsync(cancellationToken);
                var added = await RunOneAsync(gateway, OrderCommands.AddContact(NewContactFields(request, history)), cancellationToken);
                switch (added.Outcome)
                {
                    case Bitrix24Outcome.Ok:
                        b.ContactId = added.AsId();
                        b.AddOutcomeUnknown = false;
                        orders.SyncedHistory = history.Fingerprint;
                        await PersistAsync(cancellationToken);
                        LogOrderContact(logger, "created");
                        return new OrderContactResult { ContactId = b.ContactId, How = "created" };
                    case Bitrix24Outcome.Unknown:
                        return new OrderContactResult { Retry = true, Error = "The answer to crm.contact.add was lost; the contact will be looked up before it is added again." };
                    default:
                        b.AddOutcomeUnknown = false;
                        await PersistAsync(cancellationToken);
                        return Failure(added, "crm.contact.add");
                }
            }

            if (orders.SyncedHistory != history.Fingerprint)
            {
                var updated = await RunOneAsync(gateway, OrderCommands.UpdateContact(b.ContactId.Value, HistoryFields(request.Fields, history)), cancellationToken);
                if (updated.IsNotFound)
                {
                    // Deleted in Bitrix24: find or create it again.
                    b.ContactId = null;
                    orders.SyncedHistory = null;
                    await PersistAsync(cancellationToken);
                    return await ResolveForOrderAsync(request, cancellationToken);
                }

                if (updated.Outcome != Bitrix24Outcome.Ok)
                {
                    if (dirty)
                    {
                        await PersistAsync(cancellationToken);
                    }

                    return Failure(updated, "crm.contact.update") with { ContactId = b.ContactId };
                }

                orders.SyncedHistory = history.Fingerprint;
                dirty = true;
            }

            return new OrderContactResult { ContactId = b.ContactId, How = how };
        }
        finally
        {
            if (dirty)
            {
                await PersistAsync(cancellationToken);
            }
        }
    }

    private static async Task<(long? Id, string How, OrderContactResult? Failure)> FindDuplicateAsync(IBitrix24GatewayGrain gateway, OrderContactRequest request, CancellationToken cancellationToken)
    {
        var commands = new List<Bitrix24Command>();
        var emails = request.Customer.Emails.Select(e => e.Value).ToList();
        var phones = request.Customer.Phones.Select(p => p.E164).ToList();
        if (emails.Count > 0)
        {
            commands.Add(OrderCommands.FindContacts("EMAIL", emails));
        }

        if (phones.Count > 0)
        {
            commands.Add(OrderCommands.FindContacts("PHONE", phones));
        }

        if (commands.Count == 0)
        {
            return (null, "none", null);
        }

        var results = await gateway.ExecuteAsync(new ValueList<Bitrix24Command>(commands), cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Outcome != Bitrix24Outcome.Ok)
            {
                return (null, "none", Failure(results[i], "crm.duplicate.findbycomm"));
            }

            using var json = results[i].Parse()!;
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("CONTACT", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                var first = ids.EnumerateArray().Select(Bitrix24Json.ReadId).OfType<long>().Order().FirstOrDefault();
                if (first > 0)
                {
                    return (first, commands[i].Query.Contains("type=EMAIL", StringComparison.Ordinal) ? "duplicate-email" : "duplicate-phone", null);
                }
            }
        }

        return (null, "none", null);
    }

    private Dictionary<string, object?> NewContactFields(OrderContactRequest request, PurchaseHistory history)
    {
        var customer = request.Customer;
        var fields = new Dictionary<string, object?>
        {
            ["NAME"] = customer.Name?.First ?? (customer.Name?.Last is null ? (customer.Emails.IsEmpty ? null : customer.Emails[0].Value) ?? _key.Value : null),
            ["LAST_NAME"] = customer.Name?.Last,
            ["SECOND_NAME"] = customer.Name?.Middle,
            ["TYPE_ID"] = "CLIENT",
            ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator,
            ["ORIGIN_ID"] = _key.Value,
            ["PHONE"] = customer.Phones.Select(p => new Dictionary<string, object?> { ["VALUE"] = p.Display, ["VALUE_TYPE"] = p.IsMobile ? "MOBILE" : "WORK" }).ToList(),
            ["EMAIL"] = customer.Emails.Select(e => new Dictionary<string, object?> { ["VALUE"] = e.Value, ["VALUE_TYPE"] = "WORK" }).ToList(),
        };
        if (request.CompanyId is { } company)
        {
            fields["COMPANY_IDS"] = new[] { company };
        }

        foreach (var (name, value) in HistoryFields(request.Fields, history))
        {
            fields[name] = value;
        }

        return fields;
    }

    private static Dictionary<string, object?> HistoryFields(PurchaseHistoryFields names, PurchaseHistory history) => new()
    {
        [names.OrdersCount] = history.Count.ToString(CultureInfo.InvariantCulture),
        [names.TotalSpent] = history.TotalSpent.ToString("0.00", CultureInfo.InvariantCulture),
        [names.LastOrderAt] = history.LastOrderAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static PurchaseHistory History(ContactOrdersState orders) => new(
        orders.Purchases.Count,
        orders.Purchases.Values.Where(p => !p.Cancelled).Sum(p => p.Amount),
        orders.Purchases.Count == 0 ? null : orders.Purchases.Values.Max(p => p.CreatedAt));

    private static async Task<Bitrix24Result> RunOneAsync(IBitrix24GatewayGrain gateway, Bitrix24Command command, CancellationToken cancellationToken) =>
        (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([command]), cancellationToken))[0];

    private static OrderContactResult Failure(Bitrix24Result result, string method) => new()
    {
        Retry = result.Outcome is not (Bitrix24Outcome.Rejected or Bitrix24Outcome.Fatal),
        Error = $"{method}: {result}",
    };

    private Task PersistAsync(CancellationToken cancellationToken)
    {
        state.State.Version++;
        return state.WriteStateAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Contact: Bitrix24 contact for an order {How}")]
    private static partial void LogOrderContact(ILogger logger, string how);

    private readonly record struct PurchaseHistory(int Count, decimal TotalSpent, DateTimeOffset? LastOrderAt)
    {
        public string Fingerprint => string.Create(CultureInfo.InvariantCulture, $"{Count}|{TotalSpent:0.00}|{LastOrderAt:O}");
    }
}
