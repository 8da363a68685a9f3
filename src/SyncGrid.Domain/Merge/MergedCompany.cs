using System.Globalization;
using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// The company as all its live source records say, field by field, each field with the source that won it.
/// Built only by <see cref="CompanyMerger"/>.
/// </summary>
public sealed record MergedCompany
{
    public required Tin Tin { get; init; }

    public required Sourced<CompanyCategory> Category { get; init; }

    public Sourced<CompanyName>? Name { get; init; }

    public Sourced<Ogrn>? Ogrn { get; init; }

    public Sourced<string>? LegalAddress { get; init; }

    public Sourced<ValueList<PhoneNumber>>? Phones { get; init; }

    public Sourced<ValueList<EmailAddress>>? Emails { get; init; }

    /// <summary>One requisite per KPP any live record names, ordered by KPP.</summary>
    public ValueList<Sourced<Requisite>> Requisites { get; init; }

    /// <summary>Every account any live record names, ordered by BIK and number.</summary>
    public ValueList<Sourced<BankAccount>> BankAccounts { get; init; }

    /// <summary>The live source records merged, in winning order (latest last).</summary>
    public ValueList<SourceRef> Sources { get; init; }

    /// <summary>Every field with its value and winning source, for the API and the CLI.</summary>
    public IEnumerable<FieldProvenance> Provenance()
    {
        yield return new FieldProvenance("category", Category.Value.ToString(), Category.Source);
        if (Name is not null)
        {
            yield return new FieldProvenance("name", Name.Value.Display, Name.Source);
        }

        if (Ogrn is not null)
        {
            yield return new FieldProvenance("ogrn", Ogrn.Value.Value, Ogrn.Source);
        }

        if (LegalAddress is not null)
        {
            yield return new FieldProvenance("legalAddress", LegalAddress.Value, LegalAddress.Source);
        }

        if (Phones is not null)
        {
            yield return new FieldProvenance("phones", string.Join(", ", Phones.Value.Select(p => p.Display)), Phones.Source);
        }

        if (Emails is not null)
        {
            yield return new FieldProvenance("emails", string.Join(", ", Emails.Value.Select(e => e.Value)), Emails.Source);
        }

        foreach (var requisite in Requisites)
        {
            yield return new FieldProvenance(string.Create(CultureInfo.InvariantCulture, $"requisite[{requisite.Value.Key}]"), requisite.Value.Key, requisite.Source);
        }

        foreach (var account in BankAccounts)
        {
            var a = account.Value;
            yield return new FieldProvenance($"bankAccount[{a.Bik.Value}/{a.Account.Value}]", a.BankName ?? string.Empty, account.Source);
        }
    }
}
