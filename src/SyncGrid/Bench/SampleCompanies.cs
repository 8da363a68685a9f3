using System.Globalization;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Deterministic, realistic raw company records as the sources deliver them: TINs in free-text forms (30 % invalid
/// or missing), names with legal forms, quotes and capitals, branches' KPPs, OGRNs, addresses, one or two phones in
/// many notations (some with extensions, some garbage), e-mail fields with one or two addresses, bank accounts.
/// </summary>
internal sealed class SampleCompanies(int seed)
{
    private static readonly string[] Forms = ["ООО", "АО", "ПАО", "ЗАО", "ОАО", "Общество с ограниченной ответственностью"];
    private static readonly string[] Words = ["Ромашка", "Вектор", "Альфа", "Сибирь", "Технологии", "Строй", "Торговый дом", "Северный ветер", "Ёлка", "Меридиан", "Гранит", "Промсервис"];
    private static readonly string[] Streets = ["ул. Вавилова", "ул. Ленина", "пр-т Мира", "Невский пр.", "ул. Гагарина"];
    private static readonly string[] Cities = ["г. Москва", "г. Санкт-Петербург", "г. Казань", "г. Новосибирск", "г. Екатеринбург"];
    private static readonly string[] Biks = ["044525225", "044525974", "044030653", "045004641", "046577674"];

    private readonly Random _random = new(seed);

    public RawCompany Next(int index)
    {
        var tin = ValidTin10();
        var name = $"{Pick(Forms)} {Quote(Pick(Words) + (_random.Next(3) == 0 ? " " + Pick(Words) : string.Empty))}";
        if (_random.Next(5) == 0)
        {
            name = name.ToUpperInvariant();
        }

        return new RawCompany
        {
            Source = new SourceRef(_random.Next(2) == 0 ? SourceStore.StoreA : SourceStore.StoreB, index.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(index)),
            Category = "ORGANIZATION",
            Inn = MessyTin(tin),
            Name = _random.Next(4) == 0 ? $"  {name}  " : name,
            Kpp = tin[..4] + "01001",
            Ogrn = Ogrn(),
            LegalAddress = $"{_random.Next(100000, 199999)}, {Pick(Cities)},  {Pick(Streets)}, д. {_random.Next(1, 200)}",
            Phones = [Phones()],
            Emails = [Emails()],
            BankAccounts = [Account()],
        };
    }

    private string MessyTin(string tin) => _random.Next(100) switch
    {
        < 45 => tin,
        < 55 => $" {tin[..4]} {tin[4..7]} {tin[7..]} ",
        < 62 => "ИНН " + tin,
        < 70 => $"{tin[..4]}-{tin[4..7]}-{tin[7..]}",
        < 85 => tin[..9] + (char)('0' + ((tin[9] - '0' + 1 + _random.Next(8)) % 10)), // wrong check digit
        < 90 => string.Empty,
        < 94 => "нет",
        _ => tin[..8],
    };

    private string Phones()
    {
        var first = FixedPhone();
        return _random.Next(100) switch
        {
            < 50 => first,
            < 70 => $"{first}, {MobilePhone()}",
            < 80 => $"{first} доб. {_random.Next(10, 999)}",
            < 88 => MobilePhone(),
            < 95 => $"{first}; {FixedPhone()}",
            _ => "звонить секретарю",
        };
    }

    private string FixedPhone()
    {
        var n = _random.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        return _random.Next(3) switch
        {
            0 => $"8 (495) {n[..3]}-{n[3..5]}-{n[5..]}",
            1 => $"+7 495 {n}",
            _ => $"8495{n}",
        };
    }

    private string MobilePhone()
    {
        var n = _random.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        return _random.Next(2) == 0 ? $"+7 916 {n[..3]}-{n[3..5]}-{n[5..]}" : $"8916{n}";
    }

    private string Emails()
    {
        var user = $"info{_random.Next(1, 99999)}";
        return _random.Next(100) switch
        {
            < 60 => $"{user}@example.ru",
            < 75 => $" {user.ToUpperInvariant()}@Example.RU ",
            < 90 => $"{user}@example.ru; sales{_random.Next(1, 999)}@example.ru",
            < 95 => string.Empty,
            _ => $"{user}@example",
        };
    }

    private RawBankAccount Account()
    {
        var bik = Pick(Biks);
        Span<char> digits = stackalloc char[20];
        "40702810".AsSpan().CopyTo(digits);
        for (var i = 8; i < 20; i++)
        {
            digits[i] = (char)('0' + _random.Next(10));
        }

        // Solve the control key (position 9) so the account is valid for its BIK.
        ReadOnlySpan<int> weights = [7, 1, 3];
        for (var key = 0; key < 10; key++)
        {
            digits[8] = (char)('0' + key);
            var sum = 0;
            for (var i = 0; i < 23; i++)
            {
                var d = i < 3 ? bik[6 + i] - '0' : digits[i - 3] - '0';
                sum += d * weights[i % 3] % 10;
            }

            if (sum % 10 == 0)
            {
                break;
            }
        }

        return new RawBankAccount(bik, new string(digits), "ПАО Банк");
    }

    private string ValidTin10() =>
        Tin.FromBody(((char)('1' + _random.Next(9))).ToString() + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)).Value;

    private string Ogrn()
    {
        var body = 1_000_000_000_000L / 10 + _random.NextInt64(0, 899_999_999_999L);
        return body.ToString(CultureInfo.InvariantCulture) + (body % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }

    private string Quote(string text) => _random.Next(3) switch
    {
        0 => $"\"{text}\"",
        1 => $"«{text}»",
        _ => $"“{text}”",
    };

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
