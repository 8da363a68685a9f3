using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// One person as all live source records about them say, with provenance, and every company they appear under
/// (the Bitrix24 contact–company bindings). Built only by <see cref="ContactMerger"/>.
/// </summary>
public sealed record MergedContact
{
    public required ContactKey Key { get; init; }

    public Sourced<string>? LastName { get; init; }

    public Sourced<string>? FirstName { get; init; }

    public Sourced<string>? MiddleName { get; init; }

    public Sourced<string>? Position { get; init; }

    public Sourced<ValueList<PhoneNumber>>? Phones { get; init; }

    public Sourced<ValueList<EmailAddress>>? Emails { get; init; }

    /// <summary>Every company a live record binds the person to, ordered by TIN.</summary>
    public ValueList<Tin> Companies { get; init; }

    /// <summary>The live source records merged, latest last.</summary>
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
