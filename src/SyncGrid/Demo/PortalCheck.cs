using System.Globalization;
using System.Text.Json;
using SyncGrid.Abstractions;
using SyncGrid.Generator;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Cli.Demo;

/// <summary>One line of the final check: what was expected, what was found.</summary>
/// <param name="Name">What is compared.</param>
/// <param name="Expected">The generator's figure.</param>
/// <param name="Actual">The run's figure.</param>
/// <param name="Passed">Whether they agree.</param>
public sealed record CheckLine(string Name, string Expected, string Actual, bool Passed);

/// <summary>The final check of a run.</summary>
/// <param name="Lines">Every comparison.</param>
/// <param name="SampleMismatches">The first sample companies that differ, with what differs.</param>
public sealed record PortalCheckResult(IReadOnlyList<CheckLine> Lines, IReadOnlyList<string> SampleMismatches)
{
    /// <summary>Whether every comparison agrees.</summary>
    public bool Passed => Lines.All(l => l.Passed);
}

/// <summary>
/// Compares the sandbox portal's final content (read from its state export, as an operator would read the portal)
/// and the grid's statuses with the generator's expected outcome: entity counts, no duplicates, no limit errors, and
/// the sample companies field by field.
/// </summary>
public static class PortalCheck
{
    /// <summary>Runs every comparison.</summary>
    public static PortalCheckResult Run(Bitrix24Sandbox portal, ExpectedOutcome expected, PipelineSnapshot final, bool storeAIncluded)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(final);
        using var state = JsonDocument.Parse(portal.ExportJson());
        var content = PortalContent.Read(state.RootElement);
        var inspection = portal.Inspect();
        var lines = new List<CheckLine>
        {
            Count("Bitrix24 companies", expected.Bitrix24.Companies, content.Companies.Count),
            Count("Bitrix24 contacts", expected.Bitrix24.Contacts, content.Contacts),
            Count("Bitrix24 requisites", expected.Bitrix24.Requisites, content.Requisites.Count),
            Count("Bitrix24 bank details", expected.Bitrix24.BankDetails, content.BankDetails),
            Count("contact–company bindings", expected.Bitrix24.ContactBindings, content.Bindings.Count),
            Count("duplicate companies/contacts (same ORIGIN_ID)", 0, inspection.OriginDuplicates.Count),
            Count("requests refused for limits", 0, final.PortalLimitErrors),
            Count("companies synced (grid)", expected.Companies.Synced, final.CompaniesByStatus.GetValueOrDefault(CompanySyncStatus.Synced)),
            Count("companies inactive in the register (grid)", expected.Companies.Inactive, final.CompaniesByStatus.GetValueOrDefault(CompanySyncStatus.Inactive)),
            Count("companies unknown to the register (grid)", expected.Companies.RejectedByRegister, final.CompaniesByStatus.GetValueOrDefault(CompanySyncStatus.Rejected)),
            Count("rejects (all reasons)", expected.Rejects.Total, final.RejectsByReason.Values.Sum()),
        };
        foreach (var reason in expected.Rejects.ByReason.Keys.Union(final.RejectsByReason.Keys).Order(StringComparer.Ordinal))
        {
            lines.Add(Count($"  rejects: {reason}", expected.Rejects.ByReason.GetValueOrDefault(reason), final.RejectsByReason.GetValueOrDefault(reason)));
        }

        var mismatches = new List<string>();
        foreach (var company in expected.Sample)
        {
            if (Compare(company, content) is { } difference)
            {
                mismatches.Add($"{company.Tin}: {difference}");
            }
        }

        lines.Add(Count($"sample companies as expected (of {expected.Sample.Count})", expected.Sample.Count, expected.Sample.Count - mismatches.Count));
        if (!storeAIncluded)
        {
            lines.Add(new CheckLine("store A included", "yes", "no (skipped)", false));
        }

        return new PortalCheckResult(lines, mismatches.Take(20).ToList());
    }

    private static CheckLine Count(string name, long expected, long actual) =>
        new(name, expected.ToString("N0", CultureInfo.InvariantCulture), actual.ToString("N0", CultureInfo.InvariantCulture), expected == actual);

    private static string? Compare(ExpectedCompany expected, PortalContent content)
    {
        var found = content.Companies.TryGetValue(expected.Tin, out var company);
        if (expected.Status != "synced")
        {
            return found ? $"is in Bitrix24 but expected {expected.Status}" : null;
        }

        if (!found)
        {
            return "missing in Bitrix24";
        }

        var differences = new List<string>();
        if (!SameSet(expected.Phones, company!.Phones))
        {
            differences.Add($"phones [{string.Join(", ", company.Phones)}] ≠ [{string.Join(", ", expected.Phones)}]");
        }

        if (!SameSet(expected.Emails, company.Emails))
        {
            differences.Add($"e-mails [{string.Join(", ", company.Emails)}] ≠ [{string.Join(", ", expected.Emails)}]");
        }

        var kpps = content.Requisites.Where(r => r.CompanyId == company.Id).Select(r => r.Kpp).OfType<string>().ToList();
        if (!SameSet(expected.Kpps.Where(k => k.Length > 0), kpps))
        {
            differences.Add($"KPPs [{string.Join(", ", kpps)}] ≠ [{string.Join(", ", expected.Kpps)}]");
        }

        // Every contact of a synced company is pushed and bound to it (ContactKeys also holds the shared ones).
        var pushedContacts = expected.ContactKeys.Count;
        var bound = content.Bindings.Count(b => b.CompanyId == company.Id);
        if (bound != pushedContacts)
        {
            differences.Add($"{bound} contacts bound, expected {pushedContacts}");
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static bool SameSet(IEnumerable<string> expected, IEnumerable<string> actual) =>
        expected.ToHashSet(StringComparer.Ordinal).SetEquals(actual);

    private sealed record PortalCompany(int Id, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails);

    private sealed record PortalRequisite(int CompanyId, string? Kpp);

    private sealed record PortalBinding(int CompanyId, int ContactId);

    private sealed record PortalContent(Dictionary<string, PortalCompany> Companies, int Contacts, List<PortalRequisite> Requisites, int BankDetails, List<PortalBinding> Bindings)
    {
        public static PortalContent Read(JsonElement root)
        {
            var tables = root.GetProperty("Tables");
            var companies = new Dictionary<string, PortalCompany>(StringComparer.Ordinal);
            foreach (var row in Rows(tables, "company"))
            {
                var fields = row.GetProperty("Fields");
                var tin = Field(fields, "ORIGIN_ID") ?? string.Empty;
                var multi = row.GetProperty("Multi").EnumerateArray().ToList();
                companies[tin] = new PortalCompany(
                    row.GetProperty("Id").GetInt32(),
                    multi.Where(m => m.GetProperty("TypeId").GetString() == "PHONE").Select(m => m.GetProperty("Value").GetString()!).ToList(),
                    multi.Where(m => m.GetProperty("TypeId").GetString() == "EMAIL").Select(m => m.GetProperty("Value").GetString()!).ToList());
            }

            var requisites = Rows(tables, "requisite")
                .Select(r => r.GetProperty("Fields"))
                .Where(f => Field(f, "ENTITY_TYPE_ID") == "4")
                .Select(f => new PortalRequisite(int.Parse(Field(f, "ENTITY_ID") ?? "0", CultureInfo.InvariantCulture), Field(f, "RQ_KPP") is { Length: > 0 } kpp ? kpp : null))
                .ToList();
            var bindings = root.GetProperty(nameof(Bindings)).EnumerateArray()
                .Select(b => new PortalBinding(b.GetProperty("CompanyId").GetInt32(), b.GetProperty("ContactId").GetInt32()))
                .ToList();
            return new PortalContent(companies, Rows(tables, "contact").Count(), requisites, Rows(tables, "bankdetail").Count(), bindings);
        }

        private static IEnumerable<JsonElement> Rows(JsonElement tables, string entity) =>
            tables.TryGetProperty(entity, out var table) ? table.EnumerateObject().Select(p => p.Value) : [];

        private static string? Field(JsonElement fields, string name) =>
            fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
