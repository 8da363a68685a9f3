using System.Globalization;
using System.Text.Json;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Sources;

/// <summary>
/// Maps one store B <c>partner</c> object to raw records. Lenient by design: a field of the wrong type becomes null
/// (or is left out of a list) so that the record normaliser, not the reader, reports it.
/// </summary>
internal static class SapPartnerMapper
{
    /// <summary>Maps a partner; only a non-object partner or a missing id rejects it.</summary>
    public static SapEventResult Map(JsonElement partner, DateTimeOffset changedAt, string position)
    {
        if (partner.ValueKind != JsonValueKind.Object)
        {
            return new Rejected(SapRejectCodes.JsonShape, $"The partner is a JSON {Describe(partner.ValueKind)}, not an object.", position);
        }

        var partnerId = PartnerId(partner);
        if (partnerId is null)
        {
            return new Rejected(SapRejectCodes.PartnerIdMissing, "The partner has no partnerId (missing, empty or not a string).", position);
        }

        var taxNumbers = Property(partner, "taxNumbers");
        var inn = Identifier(taxNumbers, "inn");
        var source = new SourceRef(SourceStore.StoreB, partnerId, changedAt);
        var company = new RawCompany
        {
            Source = source,
            Category = Text(partner, "category"),
            Name = Text(partner, "name"),
            Inn = inn,
            Kpp = Identifier(taxNumbers, "kpp"),
            Ogrn = Identifier(taxNumbers, "ogrn"),
            LegalAddress = Text(partner, "legalAddress"),
            Phones = Phones(partner),
            Emails = Texts(partner, "emails"),
            BankAccounts = BankAccounts(partner),
        };

        var contacts = new List<RawContact>();
        if (Property(partner, "contacts") is { ValueKind: JsonValueKind.Array } array)
        {
            var index = 0;
            foreach (var contact in array.EnumerateArray())
            {
                if (contact.ValueKind == JsonValueKind.Object)
                {
                    var contactId = Identifier(contact, "contactId") is { Length: > 0 } id ? id.Trim() : "#" + index.ToString(CultureInfo.InvariantCulture);
                    contacts.Add(new RawContact
                    {
                        Source = new SourceRef(SourceStore.StoreB, partnerId + "/" + contactId, changedAt),
                        CompanyInn = inn,
                        LastName = Text(contact, "lastName"),
                        FirstName = Text(contact, "firstName"),
                        MiddleName = Text(contact, "middleName"),
                        Position = Text(contact, "position"),
                        Phones = Phones(contact),
                        Emails = Texts(contact, "emails"),
                        Parent = source.Key,
                    });
                }

                index++;
            }
        }

        return new PartnerChanged(company, contacts, position);
    }

    /// <summary>The trimmed partner id (a string, or a number's text), or null when there is none.</summary>
    public static string? PartnerId(JsonElement partner) =>
        Identifier(partner, "partnerId") is { } id && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null;

    /// <summary>The named property of an object, or an undefined element for anything else.</summary>
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A string property; anything else is null.</summary>
    public static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>An id-like property: a string, or a number as its literal text (SAP exports sometimes drop the quotes).</summary>
    private static string? Identifier(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    private static List<string?> Texts(JsonElement element, string name)
    {
        var value = Property(element, name);
        var result = new List<string?>();
        if (value.ValueKind == JsonValueKind.String)
        {
            result.Add(value.GetString());
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    result.Add(item.GetString());
                }
            }
        }

        return result;
    }

    /// <summary>Phones come as <c>{ "number": ... }</c> objects (partners) or as plain strings (contacts); both are taken.</summary>
    private static List<string?> Phones(JsonElement element)
    {
        var value = Property(element, "phones");
        var result = new List<string?>();
        if (value.ValueKind == JsonValueKind.String)
        {
            result.Add(value.GetString());
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                var number = item.ValueKind == JsonValueKind.String ? item.GetString() : Text(item, "number");
                if (number is not null)
                {
                    result.Add(number);
                }
            }
        }

        return result;
    }

    private static List<RawBankAccount> BankAccounts(JsonElement partner)
    {
        var result = new List<RawBankAccount>();
        if (Property(partner, "bankAccounts") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    result.Add(new RawBankAccount(Identifier(item, "bik"), Identifier(item, "account"), Text(item, "bankName")));
                }
            }
        }

        return result;
    }
}
