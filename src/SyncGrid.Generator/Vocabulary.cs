namespace SyncGrid.Generator;

/// <summary>The words synthetic companies and people are made of. Every string is representable in windows-1251.</summary>
internal static class Vocabulary
{
    /// <summary>A city: its TIN/KPP region code, a phone area code, a postcode prefix and how addresses name it.</summary>
    public sealed record City(string Region, string AreaCode, string Postcode, string Name, string RegisterName);

    public static readonly City[] Cities =
    [
        new("77", "495", "1", "г. Москва", "г Москва"),
        new("77", "499", "1", "г. Москва", "г Москва"),
        new("78", "812", "19", "г. Санкт-Петербург", "г Санкт-Петербург"),
        new("16", "843", "420", "г. Казань", "г Казань"),
        new("54", "383", "630", "г. Новосибирск", "г Новосибирск"),
        new("66", "343", "620", "г. Екатеринбург", "г Екатеринбург"),
        new("52", "831", "603", "г. Нижний Новгород", "г Нижний Новгород"),
        new("63", "846", "443", "г. Самара", "г Самара"),
        new("61", "863", "344", "г. Ростов-на-Дону", "г Ростов-на-Дону"),
        new("23", "861", "350", "г. Краснодар", "г Краснодар"),
        new("59", "342", "614", "г. Пермь", "г Пермь"),
        new("36", "473", "394", "г. Воронеж", "г Воронеж"),
        new("74", "351", "454", "г. Челябинск", "г Челябинск"),
        new("02", "347", "450", "г. Уфа", "г Уфа"),
        new("55", "381", "644", "г. Омск", "г Омск"),
        new("24", "391", "660", "г. Красноярск", "г Красноярск"),
    ];

    /// <summary>Mobile prefixes whose whole 7-digit range libphonenumber accepts as Russian mobiles.</summary>
    public static readonly string[] MobilePrefixes =
    [
        "901", "903", "905", "906", "909", "910", "911", "912", "913", "914", "915", "916", "917", "918", "919", "920",
        "921", "922", "925", "926", "927", "928", "929", "950", "951", "952", "953", "960", "961", "962", "963", "964",
        "965", "967", "977", "978", "980", "985", "987", "999",
    ];

    public static readonly string[] Streets =
    [
        "ул. Ленина", "ул. Советская", "пр-т Мира", "ул. Гагарина", "ул. Пушкина", "ул. Садовая", "ул. Лесная", "ул. Вавилова",
        "ул. Профсоюзная", "ш. Энтузиастов", "пер. Огородный", "ул. 8 Марта", "ул. Молодёжная", "ул. Заводская", "наб. Речная",
        "ул. Кирова", "ул. Московская", "пр-т Победы", "ул. Строителей", "ул. Центральная", "б-р Рокоссовского", "ул. Чехова",
    ];

    public static readonly string[] NameFirstParts =
    [
        "Ромашка", "Вектор", "Гранит", "Меридиан", "Альянс", "Северный ветер", "Ёлка", "Технологии будущего", "Промсервис",
        "Стройинвест", "Уральские самоцветы", "Волга", "Сибирь", "Балтика", "Кедр", "Феникс", "Орион", "Прогресс", "Восход",
        "Импульс", "Энергия", "Горизонт", "Рассвет", "Монолит", "Аврора", "Дельта", "Альфа", "Спектр", "Триумф", "Атлант",
        "Легион", "Вега", "Сфера", "Магистраль", "Континент", "Ладога", "Алмаз", "Берёзка", "Зенит", "Профиль",
    ];

    public static readonly string[] NameSecondParts =
    [
        "", "", "", "", "Плюс", "Групп", "Трейд", "Строй", "Сервис", "Логистик", "Инжиниринг", "Агро", "Торг", "М", "Про",
        "Девелопмент", "Снаб", "Мед", "Тех", "Холдинг",
    ];

    /// <summary>Legal forms of organisations: abbreviation, full name, weight.</summary>
    public static readonly (string Short, string Full, double Weight)[] LegalForms =
    [
        ("ООО", "Общество с ограниченной ответственностью", 70),
        ("АО", "Акционерное общество", 11),
        ("ПАО", "Публичное акционерное общество", 2),
        ("ЗАО", "Закрытое акционерное общество", 5),
        ("ОАО", "Открытое акционерное общество", 3),
        ("АНО", "Автономная некоммерческая организация", 2),
        ("ТСЖ", "Товарищество собственников жилья", 2),
        ("МУП", "Муниципальное унитарное предприятие", 2),
        ("ПК", "Производственный кооператив", 3),
    ];

    /// <summary>Male first names with the patronymics they give (male, female).</summary>
    public static readonly (string Name, string SonOf, string DaughterOf)[] MaleNames =
    [
        ("Иван", "Иванович", "Ивановна"), ("Пётр", "Петрович", "Петровна"), ("Сергей", "Сергеевич", "Сергеевна"),
        ("Алексей", "Алексеевич", "Алексеевна"), ("Андрей", "Андреевич", "Андреевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
        ("Михаил", "Михайлович", "Михайловна"), ("Николай", "Николаевич", "Николаевна"), ("Владимир", "Владимирович", "Владимировна"),
        ("Александр", "Александрович", "Александровна"), ("Евгений", "Евгеньевич", "Евгеньевна"), ("Олег", "Олегович", "Олеговна"),
        ("Юрий", "Юрьевич", "Юрьевна"), ("Игорь", "Игоревич", "Игоревна"), ("Виктор", "Викторович", "Викторовна"),
        ("Павел", "Павлович", "Павловна"), ("Константин", "Константинович", "Константиновна"), ("Анатолий", "Анатольевич", "Анатольевна"),
        ("Илья", "Ильич", "Ильинична"), ("Роман", "Романович", "Романовна"), ("Артём", "Артёмович", "Артёмовна"),
        ("Григорий", "Григорьевич", "Григорьевна"), ("Василий", "Васильевич", "Васильевна"), ("Максим", "Максимович", "Максимовна"),
        ("Денис", "Денисович", "Денисовна"), ("Антон", "Антонович", "Антоновна"), ("Вадим", "Вадимович", "Вадимовна"),
        ("Борис", "Борисович", "Борисовна"), ("Леонид", "Леонидович", "Леонидовна"), ("Станислав", "Станиславович", "Станиславовна"),
    ];

    public static readonly string[] FemaleNames =
    [
        "Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Екатерина", "Юлия", "Марина", "Дарья",
        "Ксения", "Алёна", "Людмила", "Галина", "Виктория", "Анастасия", "Валентина", "Надежда", "Вера", "Полина", "Софья",
    ];

    /// <summary>Surnames in their male form; <see cref="FemaleSurname"/> derives the female one.</summary>
    public static readonly string[] Surnames =
    [
        "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов",
        "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев",
        "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
        "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов",
        "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов",
        "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов",
        "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
        "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов", "Ефимов",
        "Щербаков", "Назаров", "Калинин", "Исаев", "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин",
        "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Трофимов",
        "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов", "Гришин",
        "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев", "Акимов", "Бирюков", "Горбунов",
        "Покровский", "Вишневский", "Островский", "Шевчук", "Ковальчук", "Бондаренко", "Ткаченко", "Кравченко", "Ким",
        "Алиев", "Гусейнов", "Хасанов", "Римский-Корсаков", "Мамонтов", "Лосев", "Зуев", "Серов", "Шишкин",
    ];

    public static readonly string[] Positions =
    [
        "генеральный директор", "главный бухгалтер", "бухгалтер", "менеджер по закупкам", "коммерческий директор", "юрист",
        "инженер", "менеджер по продажам", "офис-менеджер", "финансовый директор", "директор", "специалист по снабжению",
        "логист", "заместитель директора", "руководитель отдела продаж", "экономист", "кладовщик", "секретарь",
    ];

    /// <summary>Positions of people who serve many companies (outsourced accountants, agents, lawyers).</summary>
    public static readonly string[] SharedPositions =
    [
        "бухгалтер (аутсорсинг)", "агент", "юрист (по договору)", "представитель по доверенности", "менеджер банка", "аудитор",
    ];

    /// <summary>Banks: BIK, name.</summary>
    public static readonly (string Bik, string Name)[] Banks =
    [
        ("044525225", "ПАО Сбербанк"), ("044525593", "АО \"Альфа-Банк\""), ("044525187", "Банк ВТБ (ПАО)"),
        ("044525974", "АО \"ТБанк\""), ("044030653", "Северо-Западный банк ПАО Сбербанк"), ("049205603", "Отделение \"Банк Татарстан\" № 8610 ПАО Сбербанк"),
        ("045004641", "Сибирский банк ПАО Сбербанк"), ("046577674", "Уральский банк ПАО Сбербанк"), ("044525700", "АО \"Райффайзенбанк\""),
        ("044525555", "ПАО \"Промсвязьбанк\""), ("044525823", "Банк ГПБ (АО)"), ("046015207", "ПАО КБ \"Центр-инвест\""),
    ];

    public static readonly string[] MailProviders = ["mail.example.net", "inbox.example.net", "post.example.org", "box.example.org"];

    /// <summary>Phone values that are not numbers at all (<c>phone.format</c>), for companies.</summary>
    public static readonly string[] CompanyPhoneGarbage = ["звонить секретарю", "уточнить у бухгалтера", "по запросу", "факс отключен"];

    /// <summary>Phone values with digits that are not valid numbers (<c>phone.invalid</c>), for companies.</summary>
    public static readonly string[] CompanyPhoneInvalid = ["12-34", "123", "8 (495) 12", "+7 495 00"];

    /// <summary>Phone values that are not numbers (<c>phone.format</c>), for contacts.</summary>
    public static readonly string[] ContactPhoneGarbage = ["не звонить", "только почта", "в отпуске"];

    /// <summary>Phone values with digits that are not valid numbers (<c>phone.invalid</c>), for contacts.</summary>
    public static readonly string[] ContactPhoneInvalid = ["555", "8 916 12", "+7 916 1234"];

    /// <summary>Company e-mail values that are not addresses (<c>email.invalid</c>); no spaces, commas or semicolons.</summary>
    public static readonly string[] CompanyEmailInvalid = ["info@company", "sales.company.example.com", "office@@mail.example.net", "buh@"];

    /// <summary>Contact e-mail values that are not addresses (<c>email.invalid</c>).</summary>
    public static readonly string[] ContactEmailInvalid = ["ivanov@mail", "petrov.mail.example.net", "нет-почты@", "@inbox.example.net"];

    /// <summary>A female surname from a male one.</summary>
    public static string FemaleSurname(string male) => male.Contains('-', StringComparison.Ordinal)
        ? string.Join('-', male.Split('-').Select(FemaleSurname))
        : male switch
    {
        _ when male.EndsWith("ский", StringComparison.Ordinal) => male[..^4] + "ская",
        _ when male.EndsWith("ов", StringComparison.Ordinal) || male.EndsWith("ев", StringComparison.Ordinal) || male.EndsWith("ёв", StringComparison.Ordinal) || male.EndsWith("ин", StringComparison.Ordinal) => male + "а",
        _ => male,
    };

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    /// <summary>Lower-case Latin letters and digits for e-mail parts and domains; other characters are dropped.</summary>
    public static string Slug(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text.ToLowerInvariant())
        {
            if (Latin.TryGetValue(c, out var latin))
            {
                builder.Append(latin);
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
