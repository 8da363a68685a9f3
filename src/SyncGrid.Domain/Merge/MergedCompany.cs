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
[GenerateSerializer, Immutable, Alias("SyncGrid.MergedCompany")]
public sealed record MergedCompany
{
    [Id(0)]
    public required Tin Tin { get; init; }

    [Id(1)]
    public required Sourced<CompanyCategory> Category { get; init; }

    [Id(2)]
    public Sourced<CompanyName>? Name { get; init; }

    [Id(3)]
    public Sourced<Ogrn>? Ogrn { get; init; }

    [Id(4)]
    public Sourced<string>? LegalAddress { get; init; }

    [Id(5)]
    public Sourced<ValueList<PhoneNumber>>? Phones { get; init; }

    [Id(6)]
    public Sourced<ValueList<EmailAddress>>? Emails { get; init; }

    /// <summary>One requisite per KPP any live record names, ordered by KPP.</summary>
    [Id(7)]
    public ValueList<Sourced<Requisite>> Requisites { get; init; }

    /// <summary>Every account any live record names, ordered by BIK and number.</summary>
    [Id(8)]
    public ValueList<Sourced<BankAccount>> BankAccounts { get; init; }

    /// <summary>The live source records merged, in winning order (latest last).</summary>
    [Id(9)]
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
