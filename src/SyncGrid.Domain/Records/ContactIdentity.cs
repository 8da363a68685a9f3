using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Records;

/// <summary>
/// The contact identity rule of the sources contract: a contact is its normalised e-mail, else its normalised
/// mobile phone, else its normalised full name within its company. The first address or mobile number the
/// source lists is the identifying one.
/// </summary>
public static class ContactIdentity
{
    /// <summary>Derives the key, or the problem that a contact has nothing to be known by.</summary>
    public static ParseResult<ContactKey> KeyOf(Tin companyTin, PersonName? name, IReadOnlyList<EmailAddress> emails, IReadOnlyList<PhoneNumber> phones)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(phones);
        if (emails.Count > 0)
        {
            return new ContactKey("email:" + emails[0].Value);
        }

        foreach (var phone in phones)
        {
            if (phone.IsMobile)
            {
                return new ContactKey("mobile:" + phone.E164);
            }
        }

        var nameKey = name?.MatchKey;
        if (!string.IsNullOrEmpty(nameKey) && companyTin.Value is not null)
        {
            return new ContactKey($"name:{companyTin.Value}:{nameKey}");
        }

        return new Problem("contact.identity", "contact", name?.FullName, "The contact has no e-mail, no mobile phone and no name, so it cannot be identified.");
    }
}
