using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// One person as all live source records about them say, with provenance, and every company they appear under
/// (the Bitrix24 contact–company bindings). Built only by <see cref="ContactMerger"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.MergedContact")]
public sealed record MergedContact
{
    [Id(0)]
    public required ContactKey Key { get; init; }

    [Id(1)]
    public Sourced<string>? LastName { get; init; }

    [Id(2)]
    public Sourced<string>? FirstName { get; init; }

    [Id(3)]
    public Sourced<string>? MiddleName { get; init; }

    [Id(4)]
    public Sourced<string>? Position { get; init; }

    [Id(5)]
    public Sourced<ValueList<PhoneNumber>>? Phones { get; init; }

    [Id(6)]
    public Sourced<ValueList<EmailAddress>>? Emails { get; init; }

    /// <summary>Every company a live record binds the person to, ordered by TIN.</summary>
    [Id(7)]
    public ValueList<Tin> Companies { get; init; }

    /// <summary>The live source records merged, latest last.</summary>
    [Id(8)]
    public ValueList<SourceRef> Sources { get; init; }

    /// <summary>The merged name.</summary>
    public PersonName Name => new(LastName?.Value, FirstName?.Value, MiddleName?.Value);

    /// <summary>Every field with its value and winning source.</summary>
    public IEnumerable<FieldProvenance> Provenance()
    {
        if (LastName is not null)
        {
            yield return new("lastName", LastName.Value, LastName.Source);
        }

        if (FirstName is not null)
        {
            yield return new("firstName", FirstName.Value, FirstName.Source);
        }

        if (MiddleName is not null)
        {
            yield return new("middleName", MiddleName.Value, MiddleName.Source);
        }

        if (Position is not null)
        {
            yield return new("position", Position.Value, Position.Source);
        }

        if (Phones is not null)
        {
            yield return new("phones", string.Join(", ", Phones.Value.Select(p => p.Display)), Phones.Source);
        }

        if (Emails is not null)
        {
            yield return new("emails", string.Join(", ", Emails.Value.Select(e => e.Value)), Emails.Source);
        }
    }
}
