using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Deterministic submissions for the grid benchmark: many companies, each with a company record from store A or B and
/// about four contacts (some shared with another company, as people are), built through the real normaliser; then a
/// share of repeats (submissions sent again, as at-least-once delivery does).
/// </summary>
internal sealed class GridSample(int seed)
{
    private static readonly string[] Names = ["Иванов Иван Иванович", "Петрова Анна Сергеевна", "Сидоров Пётр", "ИВАНОВА М.П.", "Кузнецов Алексей Викторович"];
    private readonly Random _random = new(seed);

    /// <summary>Builds <paramref name="companies"/> distinct submissions and adds <paramref name="repeatShare"/> of repeats, shuffled.</summary>
    public (List<CompanySubmission> Distinct, List<CompanySubmission> Stream) Build(int companies, double contactsPerCompany, double repeatShare)
    {
        var distinct = new List<CompanySubmission>(companies);
        var emails = new List<string>();
        for (var i = 0; i < companies; i++)
        {
            distinct.Add(Company(i, contactsPerCompany, emails));
        }

        var stream = new List<CompanySubmission>(distinct);
        var repeats = (int)(companies * repeatShare / (1 - repeatShare));
        for (var i = 0; i < repeats; i++)
        {
            stream.Add(distinct[_random.Next(distinct.Count)]);
        }

        // Repeats arrive anywhere, including before their first copy has finished.
        for (var i = stream.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (stream[i], stream[j]) = (stream[j], stream[i]);
        }

        return (distinct, stream);
    }

    private CompanySubmission Company(int index, double contactsPerCompany, List<string> emails)
    {
        var tin = Tin(index);
        var storeB = _random.Next(2) == 0;
        var source = new SourceRef(storeB ? SourceStore.StoreB : SourceStore.StoreA, (storeB ? "00100" : string.Empty) + index.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(index));
        var company = RecordNormalizer.Normalize(new RawCompany
        {
            Source = source,
            Inn = tin,
            Name = $"ООО «Компания {index}»",
            Kpp = tin[..4] + "01001",
            LegalAddress = $"{100000 + (index % 99999)}, г. Москва, ул. Ленина, д. {index % 200}",
            Phones = [$"8 (495) {_random.Next(100, 999)}-{_random.Next(10, 99)}-{_random.Next(10, 99)}"],
            Emails = [$"info{index}@example.ru"],
        }).Record!;

        var count = (int)contactsPerCompany + (_random.NextDouble() < contactsPerCompany % 1 ? 1 : 0);
        var contacts = new List<ContactRecord>(count);
        for (var j = 0; j < count; j++)
        {
            // One contact in ten is a person already seen under another company.
            var email = emails.Count > 0 && _random.Next(10) == 0 ? emails[_random.Next(emails.Count)] : $"person{index}.{j}@example.ru";
            emails.Add(email);
            var contactId = storeB ? $"{source.Id}/C-{j}" : $"{index * 10 + j}";
            var contact = RecordNormalizer.Normalize(new RawContact
            {
                Source = new SourceRef(source.Store, contactId, source.ChangedAt),
                CompanyInn = tin,
                FullName = Names[_random.Next(Names.Length)],
                Position = "менеджер",
                Phones = [$"+7 916 {_random.Next(100, 999)}-{_random.Next(10, 99)}-{_random.Next(10, 99)}"],
                Emails = [email],
                Parent = storeB ? source.Key : null,
            }).Record!;
            if (!contacts.Exists(c => c.Key == contact.Key))
            {
                contacts.Add(contact);
            }
        }

        return new CompanySubmission
        {
            Companies = [company],
            Contacts = new ValueList<ContactRecord>(contacts),
            CompleteContactLists = storeB ? [source.Key] : [],
        };
    }

    private static string Tin(int index) => Domain.Identifiers.Tin.FromBody((100_000_000 + index).ToString(CultureInfo.InvariantCulture)).Value;
}
