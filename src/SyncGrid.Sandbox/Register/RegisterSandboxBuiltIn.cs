namespace SyncGrid.Sandbox.Register;

/// <summary>
/// The register served when no file is given: the known-good companies of <c>shared/spec/register.md</c> and a few
/// fictitious ones in every other state.
/// </summary>
/// <remarks>
/// Sources of the real companies' facts: Sberbank's row is the spec's example, verbatim. The OGRNs of Gazprom,
/// Rostelecom, Russian Railways and Alfa-Bank pass their check digits and match several public sources (not an
/// official register extract). KPPs: Rostelecom 784001001 and Alfa-Bank 770801001 appear in public samples;
/// Gazprom 773601001 and Russian Railways 770801001 are UNCONFIRMED (Gazprom moved its registered office to
/// St Petersburg in 2021, so its current KPP and address likely differ). Addresses are the registered offices as
/// publicly reported, not checked against the register. Companies with TINs 7701000019, 7702000029, 7703000039,
/// 7704000049, 5005000050 and 770123456703 are invented: checksum-valid numbers, no real company meant.
/// </remarks>
public static class RegisterSandboxBuiltIn
{
    private static readonly DateTimeOffset Actuality = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    /// <summary>The built-in register.</summary>
    public static IReadOnlyList<RegisterSandboxCompany> Companies { get; } =
    [
        new()
        {
            Inn = "7707083893", Kpp = "773601001", Ogrn = "1027700132195",
            FullName = "СБЕРБАНК РОССИИ", ShortName = "СБЕРБАНК",
            OpfShort = "ПАО", OpfFull = "Публичное акционерное общество",
            Address = "г Москва, ул Вавилова, д 19",
            RegistrationDate = DateTimeOffset.FromUnixTimeMilliseconds(677_376_000_000), ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7736050003", Kpp = "773601001", Ogrn = "1027700070518",
            FullName = "ГАЗПРОМ", OpfShort = "ПАО", OpfFull = "Публичное акционерное общество",
            Address = "г Москва, ул Наметкина, д 16", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7707049388", Kpp = "784001001", Ogrn = "1027700198767",
            FullName = "РОСТЕЛЕКОМ", OpfShort = "ПАО", OpfFull = "Публичное акционерное общество",
            Address = "г Санкт-Петербург, ул Достоевского, д 15", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7708503727", Kpp = "770801001", Ogrn = "1037739877295",
            FullName = "РОССИЙСКИЕ ЖЕЛЕЗНЫЕ ДОРОГИ", ShortName = "РЖД",
            OpfShort = "ОАО", OpfFull = "Открытое акционерное общество",
            Address = "г Москва, ул Новая Басманная, д 2",
            RegistrationDate = new DateTimeOffset(2003, 9, 23, 0, 0, 0, TimeSpan.Zero), ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7728168971", Kpp = "770801001", Ogrn = "1027700067328",
            FullName = "АЛЬФА-БАНК", OpfShort = "АО", OpfFull = "Акционерное общество",
            Address = "г Москва, ул Каланчевская, д 27", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7701000019", Kpp = "770101001", Ogrn = "1027700000019",
            FullName = "РОМАШКА", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью",
            Address = "г Москва, ул Тверская, д 1", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7701000019", Kpp = "500501001", Ogrn = "1027700000019", BranchType = "BRANCH",
            FullName = "РОМАШКА", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью",
            Address = "Московская обл, г Подольск, ул Ленина, д 5", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7702000029", Kpp = "770201001", Ogrn = "1037700000029", Status = "LIQUIDATED",
            FullName = "ВАСИЛЁК", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью",
            Address = "г Москва, ул Арбат, д 2",
            LiquidationDate = new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero), ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7703000039", Kpp = "770301001", Ogrn = "1047700000039", Status = "BANKRUPT",
            FullName = "ЛЮТИК", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью",
            Address = "г Москва, ул Покровка, д 3", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "7704000049", Kpp = "770401001", Ogrn = "1057700000049", Status = "LIQUIDATING",
            FullName = "ОДУВАНЧИК", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью",
            Address = "г Москва, ул Сретенка, д 4", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "5005000050", Kpp = "500501001", Ogrn = "1065000000053", Status = "REORGANIZING",
            FullName = "КОЛОКОЛЬЧИК", OpfShort = "АО", OpfFull = "Акционерное общество",
            Address = "Московская обл, г Коломна, ул Октябрьская, д 5", ActualityDate = Actuality,
        },
        new()
        {
            Inn = "770123456703", Ogrn = "304770000000019", Type = "INDIVIDUAL",
            FullName = "Иванов Иван Иванович", OpfShort = "ИП", OpfFull = "Индивидуальный предприниматель",
            FullWithOpf = "Индивидуальный предприниматель Иванов Иван Иванович", ShortWithOpf = "ИП Иванов Иван Иванович",
            Address = "г Москва", ActualityDate = Actuality,
        },
    ];
}
