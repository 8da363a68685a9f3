using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>
/// Writes one company's image to Bitrix24 through the gateway, keeping ids in <see cref="CompanyBitrix24State"/>.
/// Nothing is written when the image's fingerprint equals the last synced one. An add is recorded as "outcome
/// unknown" (and persisted) before it is sent; after a lost answer the next push looks the company, its requisites
/// and bank details up by their external keys and adopts what it finds instead of adding again. An update reads
/// the company's current PHONE/EMAIL rows and sends only the diff, so values never duplicate.
/// </summary>
internal sealed class CompanyBitrix24Pusher(IBitrix24GatewayGrain gateway, Bitrix24Presets presets)
{
    public async Task<(Bitrix24PushOutcome Outcome, string? Error)> PushAsync(CompanyBitrix24State b, Bitrix24CompanyImage image, Func<Task> persist, CancellationToken ct)
    {
        if (b.CompanyId is not null && !b.AddOutcomeUnknown && b.Synced?.Fingerprint == image.Fingerprint)
        {
            return (Bitrix24PushOutcome.Synced, null);
        }

        if (await presets.GetAsync(gateway, ct) is not { } preset)
        {
            return (Bitrix24PushOutcome.Retry, "The portal's requisite presets could not be read.");
        }

        var presetId = image.IsIndividualEntrepreneur ? preset.IndividualEntrepreneur : preset.Organization;
        if (b.AddOutcomeUnknown)
        {
            var lookup = await AdoptAsync(b, image, ct);
            if (lookup is not null)
            {
                return lookup.Value;
            }

            b.AddOutcomeUnknown = false;
        }

        if (b.CompanyId is null)
        {
            return await AddAsync(b, image, presetId, persist, ct);
        }

        return await UpdateAsync(b, image, presetId, persist, ct);
    }

    private async Task<(Bitrix24PushOutcome, string?)> AddAsync(CompanyBitrix24State b, Bitrix24CompanyImage image, long presetId, Func<Task> persist, CancellationToken ct)
    {
        b.AddOutcomeUnknown = true;
        await persist();

        var group = new List<Bitrix24Command> { Bitrix24Commands.AddCompany(image) };
        var requisites = image.Requisites.Take(24).ToList();
        group.AddRange(requisites.Select(r => Bitrix24Commands.AddRequisite(Bitrix24Ref.To(0), presetId, image, r)));
        var banks = requisites.Count == 0 ? [] : image.BankDetails.Take(49 - requisites.Count).ToList();
        group.AddRange(banks.Select(bank => Bitrix24Commands.AddBankDetail(Bitrix24Ref.To(1), image, bank)));
        var results = await gateway.ExecuteAsync(new ValueList<Bitrix24Command>(group), ct);

        var company = results[0];
        switch (company.Outcome)
        {
            case Bitrix24Outcome.Ok:
                b.CompanyId = company.AsId();
                break;
            case Bitrix24Outcome.Unknown:
                return (Bitrix24PushOutcome.Retry, $"The answer to crm.company.add was lost ({company.ErrorDescription}); the company will be looked up before it is added again.");
            case Bitrix24Outcome.RateLimited or Bitrix24Outcome.OperatingLimited:
                b.AddOutcomeUnknown = false;
                return (Bitrix24PushOutcome.Retry, $"crm.company.add did not run: {company.ErrorCode}.");
            default:
                b.AddOutcomeUnknown = false;
                return (Bitrix24PushOutcome.Failed, $"crm.company.add was refused: {company.ErrorCode} {company.ErrorDescription}".TrimEnd());
        }

        var unknown = false;
        string? refused = null;
        for (var i = 0; i < requisites.Count; i++)
        {
            Record(results[1 + i], b.Requisites, requisites[i].Key, ref unknown, ref refused);
        }

        for (var i = 0; i < banks.Count; i++)
        {
            Record(results[1 + requisites.Count + i], b.BankDetails, banks[i].Key, ref unknown, ref refused);
        }

        b.AddOutcomeUnknown = unknown;
        if (unknown || refused is not null || requisites.Count < image.Requisites.Count || banks.Count < image.BankDetails.Count)
        {
            // The company exists now; what is missing is completed (or looked up) by the next push's update path.
            return refused is not null ? (Bitrix24PushOutcome.Failed, refused) : (Bitrix24PushOutcome.Retry, "Some requisites or bank details are still to be written.");
        }

        b.Synced = image;
        return (Bitrix24PushOutcome.Synced, null);
    }

    private async Task<(Bitrix24PushOutcome, string?)> UpdateAsync(CompanyBitrix24State b, Bitrix24CompanyImage image, long presetId, Func<Task> persist, CancellationToken ct)
    {
        var current = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([Bitrix24Commands.GetCompany(b.CompanyId!.Value)]), ct))[0];
        if (current.IsNotFound)
        {
            // Deleted in the portal: start again from nothing.
            b.CompanyId = null;
            b.Requisites.Clear();
            b.BankDetails.Clear();
            b.Synced = null;
            return await AddAsync(b, image, presetId, persist, ct);
        }

        if (current.Outcome != Bitrix24Outcome.Ok)
        {
            return Bitrix24Results.Classify(current, "crm.company.get");
        }

        using var json = current.Parse()!;
        var phones = MultiFieldDiff.Compute(Bitrix24Results.Rows(json.RootElement, "PHONE"), image.Phones.Items, phone: true);
        var emails = MultiFieldDiff.Compute(Bitrix24Results.Rows(json.RootElement, "EMAIL"), image.Emails.Items, phone: false);
        var commands = new List<(Bitrix24Command Command, Action<Bitrix24Result> OnOk)>();
        if (phones.Count > 0 || emails.Count > 0 || Bitrix24Json.ReadString(json.RootElement, "TITLE") != image.Title)
        {
            commands.Add((Bitrix24Commands.UpdateCompany(b.CompanyId.Value, image, phones, emails), _ => { }));
        }

        var syncedRequisites = b.Synced?.Requisites.ToDictionary(r => r.Key, StringComparer.Ordinal) ?? [];
        foreach (var r in image.Requisites)
        {
            if (!b.Requisites.TryGetValue(r.Key, out var id))
            {
                var key = r.Key;
                commands.Add((Bitrix24Commands.AddRequisite(b.CompanyId.Value.ToString(CultureInfo.InvariantCulture), presetId, image, r), res => b.Requisites[key] = res.AsId() ?? 0));
            }
            else if (!syncedRequisites.TryGetValue(r.Key, out var was) || was != r)
            {
                commands.Add((Bitrix24Commands.UpdateRequisite(id, presetId, image, r), _ => { }));
            }
        }

        foreach (var gone in b.Requisites.Keys.Except(image.Requisites.Select(r => r.Key)).ToList())
        {
            var id = b.Requisites[gone];
            commands.Add((Bitrix24Commands.DeleteRequisite(id), _ => b.Requisites.Remove(gone)));
        }

        var outcome = await RunAsync(b, commands, persist, ct);
        if (outcome is not null)
        {
            return outcome.Value;
        }

        // Bank details hang off the first requisite, which exists now.
        var owner = image.Requisites.Select(r => b.Requisites.GetValueOrDefault(r.Key)).FirstOrDefault(id => id > 0);
        var syncedBanks = b.Synced?.BankDetails.ToDictionary(x => x.Key, StringComparer.Ordinal) ?? [];
        var bankCommands = new List<(Bitrix24Command Command, Action<Bitrix24Result> OnOk)>();
        foreach (var bank in owner > 0 ? image.BankDetails.Items : [])
        {
            if (!b.BankDetails.TryGetValue(bank.Key, out var id))
            {
                var key = bank.Key;
                bankCommands.Add((Bitrix24Commands.AddBankDetail(owner.ToString(CultureInfo.InvariantCulture), image, bank), res => b.BankDetails[key] = res.AsId() ?? 0));
            }
            else if (!syncedBanks.TryGetValue(bank.Key, out var was) || was != bank)
            {
                bankCommands.Add((Bitrix24Commands.UpdateBankDetail(id, image, bank), _ => { }));
            }
        }

        foreach (var gone in b.BankDetails.Keys.Except(image.BankDetails.Select(x => x.Key)).ToList())
        {
            var id = b.BankDetails[gone];
            bankCommands.Add((Bitrix24Commands.DeleteBankDetail(id), _ => b.BankDetails.Remove(gone)));
        }

        outcome = await RunAsync(b, bankCommands, persist, ct);
        if (outcome is not null)
        {
            return outcome.Value;
        }

        b.Synced = image;
        return (Bitrix24PushOutcome.Synced, null);
    }

    /// <summary>
    /// Runs commands in groups of at most 50; null when every one succeeded. Adds are marked "outcome unknown" (and
    /// persisted) first, as on the add path, so that after a lost answer — or a refusal that left later results unread —
    /// the next push adopts what they created by external key instead of adding it again. Deleting what is already gone
    /// (a delete whose answer was lost, repeated) counts as done.
    /// </summary>
    private async Task<(Bitrix24PushOutcome, string?)?> RunAsync(CompanyBitrix24State b, List<(Bitrix24Command Command, Action<Bitrix24Result> OnOk)> commands, Func<Task> persist, CancellationToken ct)
    {
        var adds = commands.Any(c => c.Command.Method.EndsWith(".add", StringComparison.Ordinal));
        if (adds)
        {
            b.AddOutcomeUnknown = true;
            await persist();
        }

        foreach (var chunk in commands.Chunk(50))
        {
            var results = await gateway.ExecuteAsync(new ValueList<Bitrix24Command>(chunk.Select(c => c.Command)), ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (results[i].Outcome == Bitrix24Outcome.Ok || (results[i].IsNotFound && chunk[i].Command.Method.EndsWith(".delete", StringComparison.Ordinal)))
                {
                    chunk[i].OnOk(results[i]);
                }
                else
                {
                    return Bitrix24Results.Classify(results[i], chunk[i].Command.Method);
                }
            }
        }

        b.AddOutcomeUnknown = false;
        return null;
    }

    /// <summary>Finds the company and its parts by external keys and adopts them; null when the lookup worked.</summary>
    private async Task<(Bitrix24PushOutcome, string?)?> AdoptAsync(CompanyBitrix24State b, Bitrix24CompanyImage image, CancellationToken ct)
    {
        if (b.CompanyId is null)
        {
            var found = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([Bitrix24Commands.FindCompany(image.Tin)]), ct))[0];
            if (found.Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Results.Classify(found, "crm.company.list");
            }

            b.CompanyId = Bitrix24Results.Ids(found).Select(x => (long?)x.Id).FirstOrDefault();
            if (b.CompanyId is null)
            {
                return null;
            }
        }

        var requisites = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([Bitrix24Commands.FindRequisites(b.CompanyId.Value)]), ct))[0];
        if (requisites.Outcome != Bitrix24Outcome.Ok)
        {
            return Bitrix24Results.Classify(requisites, "crm.requisite.list");
        }

        var prefix = Bitrix24Commands.RequisiteXmlId(image.Tin, string.Empty);
        foreach (var (id, xml) in Bitrix24Results.Ids(requisites).Where(r => r.XmlId?.StartsWith(prefix, StringComparison.Ordinal) == true))
        {
            b.Requisites.TryAdd(xml![prefix.Length..], id);
        }

        if (b.Requisites.Count > 0)
        {
            var banks = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([Bitrix24Commands.FindBankDetails(b.Requisites.Values)]), ct))[0];
            if (banks.Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Results.Classify(banks, "crm.requisite.bankdetail.list");
            }

            foreach (var (id, xml) in Bitrix24Results.Ids(banks).Where(r => r.XmlId?.StartsWith(prefix, StringComparison.Ordinal) == true))
            {
                b.BankDetails.TryAdd(xml![prefix.Length..], id);
            }
        }

        return null;
    }

    private static void Record(Bitrix24Result result, Dictionary<string, long> ids, string key, ref bool unknown, ref string? refused)
    {
        switch (result.Outcome)
        {
            case Bitrix24Outcome.Ok when result.AsId() is { } id:
                ids[key] = id;
                break;
            case Bitrix24Outcome.Unknown:
                unknown = true;
                break;
            case Bitrix24Outcome.Rejected or Bitrix24Outcome.Fatal:
                refused ??= $"{result.ErrorCode} {result.ErrorDescription}".Trim();
                break;
        }
    }
}
