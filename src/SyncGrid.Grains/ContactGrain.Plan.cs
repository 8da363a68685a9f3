using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// The contact's part of a dry run: the writes its push would make, derived as <c>ContactBitrix24Pusher</c> derives them
/// from grain state (the synced image and the contact id), without reading the portal. Summaries count phones and
/// e-mails and name the fields, never their values.
/// </summary>
public sealed partial class ContactGrain
{
    /// <inheritdoc />
    public Task<ValueList<PlannedCommand>> PlanBitrix24Async(string tin, bool companyInBitrix24, CancellationToken cancellationToken = default)
    {
        if (_merged is null)
        {
            return Task.FromResult(default(ValueList<PlannedCommand>));
        }

        var b = state.State.Bitrix24;
        var known = _merged.Companies.Select(t => b.CompanyIds.TryGetValue(t.Value, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        var pending = companyInBitrix24 && !b.CompanyIds.ContainsKey(tin) && _merged.Companies.Any(t => t.Value == tin);
        var companies = known.Count + (pending ? 1 : 0);
        if (companies == 0)
        {
            // A contact goes to Bitrix24 only once one of its companies is there.
            return Task.FromResult(default(ValueList<PlannedCommand>));
        }

        var image = Image();
        var entity = $"contact:{_key.Value}";
        var plan = new List<PlannedCommand>();
        if (b.ContactId is null)
        {
            plan.Add(new("crm.contact.add", entity, $"{Fields(image)}, {Count(image.Phones.Count, "phone")}, {Count(image.Emails.Count, "e-mail")}, bound to {Count(companies, "company", "companies")}"));
        }
        else if (pending || b.AddOutcomeUnknown || b.Synced?.Fingerprint != image.Fingerprint)
        {
            plan.Add(new("crm.contact.update", entity, b.Synced is null ? $"{Fields(image)}, PHONE and EMAIL as the portal's rows differ (re-read first)" : Changes(b.Synced, image)));
            if (pending || b.Synced?.Companies != image.Companies)
            {
                plan.Add(new("crm.contact.company.items.set", entity, $"bound to {Count(companies, "company", "companies")}"));
            }
        }

        return Task.FromResult(new ValueList<PlannedCommand>(plan));
    }

    private static string Fields(Bitrix24ContactImage image)
    {
        var set = new List<string>();
        if (image.FirstName is not null)
        {
            set.Add("NAME");
        }

        if (image.LastName is not null)
        {
            set.Add("LAST_NAME");
        }

        if (image.MiddleName is not null)
        {
            set.Add("SECOND_NAME");
        }

        if (image.Position is not null)
        {
            set.Add("POST");
        }

        return set.Count == 0 ? "no name fields" : string.Join(", ", set);
    }

    private static string Changes(Bitrix24ContactImage synced, Bitrix24ContactImage image)
    {
        var changed = new List<string>();
        if (synced.FirstName != image.FirstName)
        {
            changed.Add("NAME");
        }

        if (synced.LastName != image.LastName)
        {
            changed.Add("LAST_NAME");
        }

        if (synced.MiddleName != image.MiddleName)
        {
            changed.Add("SECOND_NAME");
        }

        if (synced.Position != image.Position)
        {
            changed.Add("POST");
        }

        if (synced.Phones != image.Phones)
        {
            changed.Add("PHONE");
        }

        if (synced.Emails != image.Emails)
        {
            changed.Add("EMAIL");
        }

        return changed.Count == 0 ? "no field changed (bindings only)" : "changed: " + string.Join(", ", changed);
    }

    private static string Count(int count, string noun, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? noun : plural ?? noun + "s")}");
}
