using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// Merges the records of one contact (one <see cref="ContactKey"/>), possibly from several companies and stores.
/// The latest version of each source record under each company counts (a record that moved from one company to another
/// is a withdrawal under the old company and a live version under the new one, whatever their times); the most recently changed live record wins each field, except
/// that an initial ("И.") never replaces a full first or middle name; the companies are the union over live records.
/// Order-independent like <see cref="CompanyMerger"/>.
/// </summary>
public static class ContactMerger
{
    /// <summary>Merges; <see langword="null"/> when no live record is left.</summary>
    public static MergedContact? Merge(ContactKey key, IEnumerable<ContactRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var live = SourceVersions.LiveLatest(records, r => r.Source, r => (r.Source.Key, r.CompanyTin), r => r.IsDeleted, r =>
        {
            if (r.Key != key)
            {
                throw new ArgumentException($"A record of contact {r.Key} ({r.Source}) was given to the merge of {key}.", nameof(records));
            }
        });
        if (live.Count == 0)
        {
            return null;
        }

        Sourced<string>? last = null, first = null, middle = null, position = null;
        Sourced<ValueList<Channels.PhoneNumber>>? phones = null;
        Sourced<ValueList<Channels.EmailAddress>>? emails = null;
        var companies = new SortedSet<Tin>();
        foreach (var r in live)
        {
            last = Pick(last, r.Name?.Last, r.Source);
            first = Pick(first, r.Name?.First, r.Source);
            middle = Pick(middle, r.Name?.Middle, r.Source);
            if (r.Position is not null)
            {
                position = new(r.Position, r.Source);
            }

            if (!r.Phones.IsEmpty)
            {
                phones = new(r.Phones, r.Source);
            }

            if (!r.Emails.IsEmpty)
            {
                emails = new(r.Emails, r.Source);
            }

            companies.Add(r.CompanyTin);
        }

        return new MergedContact
        {
            Key = key,
            LastName = last,
            FirstName = first,
            MiddleName = middle,
            Position = position,
            Phones = phones,
            Emails = emails,
            Companies = new(companies),
            Sources = new(live.Select(r => r.Source)),
        };
    }

    private static Sourced<string>? Pick(Sourced<string>? current, string? candidate, SourceRef source)
    {
        if (candidate is null)
        {
            return current;
        }

        if (current is not null && IsInitial(candidate) && !IsInitial(current.Value))
        {
            return current;
        }

        return new(candidate, source);
    }

    private static bool IsInitial(string part) => part.Length <= 2 && (part.Length == 1 || part[^1] == '.');
}
