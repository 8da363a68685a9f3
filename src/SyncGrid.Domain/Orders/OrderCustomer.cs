using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Orders;

/// <summary>
/// The person behind an order, normalised: names, e-mails and phones from the order and its customer card, the
/// contact key by the grid's identity rule (e-mail, else mobile phone, else name within the company's TIN; for a retail
/// buyer then any phone, else the RetailCRM customer card), and the company's TIN for a legal entity.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderCustomer")]
public sealed record OrderCustomer
{
    [Id(0)]
    public required ContactKey Key { get; init; }

    [Id(1)]
    public PersonName? Name { get; init; }

    [Id(2)]
    public ValueList<EmailAddress> Emails { get; init; }

    [Id(3)]
    public ValueList<PhoneNumber> Phones { get; init; }

    /// <summary>The company's TIN when a legal entity placed the order and its TIN is valid.</summary>
    [Id(4)]
    public Tin? CompanyTin { get; init; }

    /// <summary>The RetailCRM customer card, as a reference.</summary>
    [Id(5)]
    public long? CustomerId { get; init; }

    /// <summary>Derives the customer of an order. Order-level fields (as typed on the order) come first, then the card's.</summary>
    public static OrderCustomer Of(RetailCrmOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var person = order.Contact ?? order.Customer;
        var emails = EmailNormalizer.ParseAll([order.Email, person?.Email]).Values.Distinct().ToList();
        var phones = PhoneNormalizer.ParseAll(new[] { order.Phone, order.AdditionalPhone }.Concat(person?.Phones ?? [])).Values
            .DistinctBy(p => p.E164).ToList();
        var nameResult = PersonName.FromParts(order.LastName ?? person?.LastName, order.FirstName ?? person?.FirstName, order.Patronymic ?? person?.Patronymic);
        var name = nameResult.Success ? nameResult.Value : null;
        Tin? tin = order.Company?.Inn is { } inn && Tin.TryParse(inn, out var parsed) ? parsed : null;
        var key = ContactIdentity.KeyOf(tin ?? default, name, emails, phones);
        return new OrderCustomer
        {
            // A retail buyer has no company for the name rule: a fixed-line phone still identifies the person across their
            // customer cards and sites, and so do the digits of a phone the normaliser refuses (at least ten of them);
            // only without any phone does the customer card stand for them.
            Key = key.Success ? key.Value
                : phones.Count > 0 ? new ContactKey("phone:" + phones[0].E164)
                : RawPhoneDigits(order, person) is { } digits ? new ContactKey("phone:+" + digits)
                : new ContactKey($"retailcrm:{order.Site}:{order.Customer?.Id ?? order.Id}"),
            Name = name,
            Emails = new(emails),
            Phones = new(phones),
            CompanyTin = tin,
            CustomerId = order.Customer?.Id,
        };
    }

    private static string? RawPhoneDigits(RetailCrmOrder order, RetailCrmCustomer? person) =>
        new[] { order.Phone, order.AdditionalPhone }.Concat(person?.Phones ?? [])
            .Select(p => p is null ? string.Empty : new string([.. p.Where(char.IsAsciiDigit)]))
            .FirstOrDefault(d => d.Length >= 10);
}
