using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>
/// Writes one contact to Bitrix24 through the gateway: added with its company bindings (<c>COMPANY_IDS</c>) after an
/// "outcome unknown" mark is persisted; after a lost answer looked up by <c>ORIGINATOR_ID</c>/<c>ORIGIN_ID</c> and
/// adopted; updated with a PHONE/EMAIL diff, and re-bound with <c>crm.contact.company.items.set</c> (which replaces
/// the set, so it is idempotent) when its companies change. Nothing is sent when the image is unchanged.
/// </summary>
internal sealed class ContactBitrix24Pusher(IBitrix24GatewayGrain gateway)
{
    public async Task<(Bitrix24PushOutcome Outcome, string? Error)> PushAsync(ContactBitrix24State b, Bitrix24ContactImage image, Func<Task> persist, CancellationToken ct)
    {
        if (b.ContactId is not null && !b.AddOutcomeUnknown && b.Synced?.Fingerprint == image.Fingerprint)
        {
            return (Bitrix24PushOutcome.Synced, null);
        }

        if (b.AddOutcomeUnknown && b.ContactId is null)
        {
            var found = await RunOneAsync(Command("crm.contact.list", new()
            {
                ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator, ["ORIGIN_ID"] = image.Key },
                ["select"] = IdOnly,
                ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
                ["start"] = -1,
            }), ct);
            if (found.Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Results.Classify(found, "crm.contact.list");
            }

            b.ContactId = Bitrix24Results.Ids(found).Select(x => (long?)x.Id).FirstOrDefault();
            b.AddOutcomeUnknown = false;
        }

        if (b.ContactId is null)
        {
            b.AddOutcomeUnknown = true;
            await persist();
            var added = await RunOneAsync(Command("crm.contact.add", new() { ["fields"] = Fields(image, withCompanies: true), ["params"] = NoFeed }), ct);
            switch (added.Outcome)
            {
                case Bitrix24Outcome.Ok:
                    b.ContactId = added.AsId();
                    b.AddOutcomeUnknown = false;
                    b.Synced = image;
                    return (Bitrix24PushOutcome.Synced, null);
                case Bitrix24Outcome.Unknown:
                    return (Bitrix24PushOutcome.Retry, "The answer to crm.contact.add was lost; the contact will be looked up before it is added again.");
                default:
                    b.AddOutcomeUnknown = false;
                    return Bitrix24Results.Classify(added, "crm.contact.add");
            }
        }

        var current = await RunOneAsync(Command("crm.contact.get", new() { ["id"] = b.ContactId }), ct);
        if (current.IsNotFound)
        {
            b.ContactId = null;
            b.Synced = null;
            return await PushAsync(b, image, persist, ct);
        }

        if (current.Outcome != Bitrix24Outcome.Ok)
        {
            return Bitrix24Results.Classify(current, "crm.contact.get");
        }

        using var json = current.Parse()!;
        var fields = Fields(image, withCompanies: false);
        var phones = MultiFieldDiff.Compute(Bitrix24Results.Rows(json.RootElement, "PHONE"), image.Phones.Items, phone: true);
        var emails = MultiFieldDiff.Compute(Bitrix24Results.Rows(json.RootElement, "EMAIL"), image.Emails.Items, phone: false);
        fields["PHONE"] = phones;
        fields["EMAIL"] = emails;
        var group = new List<Bitrix24Command> { Command("crm.contact.update", new() { ["id"] = b.ContactId, ["fields"] = fields, ["params"] = NoFeed }) };
        if (b.Synced?.Companies != image.Companies)
        {
            group.Add(Command("crm.contact.company.items.set", new()
            {
                ["id"] = b.ContactId,
                ["items"] = image.Companies.Select(id => new Dictionary<string, object?> { ["COMPANY_ID"] = id }).ToList(),
            }));
        }

        var results = await gateway.ExecuteAsync(new ValueList<Bitrix24Command>(group), ct);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Results.Classify(results[i], group[i].Method);
            }
        }

        b.Synced = image;
        return (Bitrix24PushOutcome.Synced, null);
    }

    private static readonly string[] IdOnly = ["ID"];
    private static readonly Dictionary<string, object?> NoFeed = new() { ["REGISTER_SONET_EVENT"] = "N" };

    private async Task<Bitrix24Result> RunOneAsync(Bitrix24Command command, CancellationToken ct) =>
        (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([command]), ct))[0];

    private static Dictionary<string, object?> Fields(Bitrix24ContactImage image, bool withCompanies)
    {
        var fields = new Dictionary<string, object?>
        {
            ["NAME"] = image.FirstName,
            ["LAST_NAME"] = image.LastName,
            ["SECOND_NAME"] = image.MiddleName,
            ["POST"] = image.Position,
            ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator,
            ["ORIGIN_ID"] = image.Key,
        };
        if (withCompanies)
        {
            fields["PHONE"] = image.Phones.Select(p => new Dictionary<string, object?> { ["VALUE"] = p.Value, ["VALUE_TYPE"] = p.ValueType }).ToList();
            fields["EMAIL"] = image.Emails.Select(e => new Dictionary<string, object?> { ["VALUE"] = e.Value, ["VALUE_TYPE"] = e.ValueType }).ToList();
            fields["COMPANY_IDS"] = image.Companies.ToList();
        }

        return fields;
    }

    private static Bitrix24Command Command(string method, Dictionary<string, object?> parameters) => new(method, Bitrix24Query.Encode(parameters));
}
