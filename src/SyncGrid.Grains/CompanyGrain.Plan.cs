using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// The dry run: the writes the company's next push (and its contacts' pushes) would make, derived the way the pushers
/// derive them, from grain state alone. The portal is not read, so the plan compares with what SyncGrid last wrote
/// (the synced image and the ids it keeps), not with what the portal holds today: an edit made in Bitrix24 by hand
/// shows up only in the real push, which reads the company first and sends the diff.
/// </summary>
public sealed partial class CompanyGrain
{
    /// <summary>The most contacts of one company a plan asks.</summary>
    public const int PlanContactLimit = 200;

    /// <inheritdoc />
    public async Task<CompanyBitrix24Plan> PlanBitrix24Async(CancellationToken cancellationToken = default)
    {
        var status = state.State.Status;
        if (state.State.Records.Count == 0)
        {
            return Blocked($"No source record has reached company {_tin}.");
        }

        if (_merged is null)
        {
            return Blocked("Every source withdrew the company; SyncGrid never deletes companies from Bitrix24.");
        }

        if (status is CompanySyncStatus.Rejected or CompanySyncStatus.Inactive)
        {
            return Blocked(state.State.StatusReason ?? status.ToString());
        }

        var image = Image();
        var commands = PlanCompany(state.State.Bitrix24, image);
        var (contactCommands, notPlanned) = await PlanContactsAsync(cancellationToken);
        commands.AddRange(contactCommands);

        var conditions = new List<string>();
        var verdict = state.State.Verdict;
        if (verdict is null || !verdict.IsActive)
        {
            conditions.Add(_register is null
                ? "only once the company is validated, and the register is not configured (Register:BaseUrl)"
                : "only if the register reports the company active (it is asked first)");
        }

        if (_bitrix24 is null)
        {
            conditions.Add("Bitrix24 is not configured here (Bitrix24:WebhookUrl), so nothing is pushed until it is");
        }

        if (state.State.Bitrix24.AddOutcomeUnknown)
        {
            conditions.Add("the answer to an earlier add was lost: the company and its parts are looked up by their external keys first and adopted if found");
        }

        return new CompanyBitrix24Plan
        {
            Tin = _tin,
            Status = status,
            Outcome = commands.Count == 0 ? CompanyPlanOutcome.UpToDate : CompanyPlanOutcome.Writes,
            Reason = commands.Count == 0 || conditions.Count == 0 ? null : "Written " + string.Join("; ", conditions) + ".",
            Commands = new(commands),
            ContactsNotPlanned = notPlanned,
        };

        CompanyBitrix24Plan Blocked(string reason) => new() { Tin = _tin, Status = status, Outcome = CompanyPlanOutcome.Blocked, Reason = reason };
    }

    private static List<PlannedCommand> PlanCompany(CompanyBitrix24State b, Bitrix24CompanyImage image)
    {
        var plan = new List<PlannedCommand>();
        if (b.CompanyId is not null && !b.AddOutcomeUnknown && b.Synced?.Fingerprint == image.Fingerprint)
        {
            return plan;
        }

        var tin = image.Tin;
        if (b.CompanyId is null)
        {
            plan.Add(new(Bitrix24Commands.AddCompany(image).Method, $"company:{tin}", CompanySummary(image)));
            foreach (var r in image.Requisites)
            {
                plan.Add(new("crm.requisite.add", $"requisite:{tin}/{r.Key}", RequisiteSummary(r)));
            }

            // Bank details hang off the first requisite; without one they are not written.
            foreach (var bank in image.Requisites.Count == 0 ? [] : image.BankDetails.Items)
            {
                plan.Add(new("crm.requisite.bankdetail.add", $"bankdetail:{tin}/{bank.Key}", BankSummary(bank)));
            }

            return plan;
        }

        var synced = b.Synced;
        if (synced is null || synced.Title != image.Title || synced.Phones != image.Phones || synced.Emails != image.Emails)
        {
            plan.Add(new("crm.company.update", $"company:{tin}", synced is null
                ? $"TITLE \"{image.Title}\", PHONE and EMAIL as the portal's rows differ (re-read first)"
                : CompanyChanges(synced, image)));
        }

        var syncedRequisites = synced?.Requisites.ToDictionary(r => r.Key, StringComparer.Ordinal) ?? [];
        foreach (var r in image.Requisites)
        {
            if (!b.Requisites.ContainsKey(r.Key))
            {
                plan.Add(new("crm.requisite.add", $"requisite:{tin}/{r.Key}", RequisiteSummary(r)));
            }
            else if (!syncedRequisites.TryGetValue(r.Key, out var was) || was != r)
            {
                plan.Add(new("crm.requisite.update", $"requisite:{tin}/{r.Key}", RequisiteSummary(r)));
            }
        }

        foreach (var gone in b.Requisites.Keys.Except(image.Requisites.Select(r => r.Key)).Order(StringComparer.Ordinal))
        {
            plan.Add(new("crm.requisite.delete", $"requisite:{tin}/{gone}", $"id {b.Requisites[gone].ToString(CultureInfo.InvariantCulture)}: no source names this KPP any more"));
        }

        var syncedBanks = synced?.BankDetails.ToDictionary(x => x.Key, StringComparer.Ordinal) ?? [];
        foreach (var bank in image.Requisites.Count == 0 ? [] : image.BankDetails.Items)
        {
            if (!b.BankDetails.ContainsKey(bank.Key))
            {
                plan.Add(new("crm.requisite.bankdetail.add", $"bankdetail:{tin}/{bank.Key}", BankSummary(bank)));
            }
            else if (!syncedBanks.TryGetValue(bank.Key, out var was) || was != bank)
            {
                plan.Add(new("crm.requisite.bankdetail.update", $"bankdetail:{tin}/{bank.Key}", BankSummary(bank)));
            }
        }

        foreach (var gone in b.BankDetails.Keys.Except(image.BankDetails.Select(x => x.Key)).Order(StringComparer.Ordinal))
        {
            plan.Add(new("crm.requisite.bankdetail.delete", $"bankdetail:{tin}/{gone}", $"id {b.BankDetails[gone].ToString(CultureInfo.InvariantCulture)}: no source names this account any more"));
        }

        return plan;
    }

    private async Task<(List<PlannedCommand> Commands, int NotPlanned)> PlanContactsAsync(CancellationToken cancellationToken)
    {
        var links = state.State.LinkShards == 0 ? [.. state.State.Links.Values] : await AllShardLinksAsync(parent: null, cancellationToken);
        var keys = links.Select(l => l.Key.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var asked = keys.Take(PlanContactLimit).ToList();
        var plans = await Task.WhenAll(asked.Select(key => GrainFactory.GetGrain<IContactGrain>(key).PlanBitrix24Async(_tin.Value, companyInBitrix24: true, cancellationToken)));
        return ([.. plans.SelectMany(p => p)], keys.Count - asked.Count);
    }

    private static string CompanySummary(Bitrix24CompanyImage image) =>
        $"TITLE \"{image.Title}\", {Count(image.Phones.Count, "phone")}, {Count(image.Emails.Count, "e-mail")}, ORIGIN_ID {image.Tin}";

    private static string CompanyChanges(Bitrix24CompanyImage synced, Bitrix24CompanyImage image)
    {
        var changes = new List<string>();
        if (synced.Title != image.Title)
        {
            changes.Add($"TITLE \"{synced.Title}\" -> \"{image.Title}\"");
        }

        if (synced.Phones != image.Phones)
        {
            changes.Add($"PHONE {Diff(synced.Phones, image.Phones)}");
        }

        if (synced.Emails != image.Emails)
        {
            changes.Add($"EMAIL {Diff(synced.Emails, image.Emails)}");
        }

        return string.Join(", ", changes);
    }

    private static string Diff(ValueList<MultiFieldValue> before, ValueList<MultiFieldValue> after)
    {
        var was = before.Select(v => v.Value).ToHashSet(StringComparer.Ordinal);
        var now = after.Select(v => v.Value).ToHashSet(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"+{now.Count(v => !was.Contains(v))} -{was.Count(v => !now.Contains(v))}");
    }

    private static string RequisiteSummary(Bitrix24RequisiteImage r) =>
        $"\"{r.Name}\"" + (r.Kpp is null ? string.Empty : $", KPP {r.Kpp}") + (r.Ogrn is null ? string.Empty : $", OGRN {r.Ogrn}");

    private static string BankSummary(Bitrix24BankDetailImage bank) =>
        $"BIK {bank.Bik}, account {bank.Account}" + (bank.BankName is null ? string.Empty : $", {bank.BankName}");

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
