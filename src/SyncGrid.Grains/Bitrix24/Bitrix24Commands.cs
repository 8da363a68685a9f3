using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>The commands SyncGrid sends for companies, requisites and bank details (the mapping of the sources contract).</summary>
internal static class Bitrix24Commands
{
    private static readonly string[] IdOnly = ["ID"];
    private static readonly string[] IdAndXmlId = ["ID", "XML_ID"];
    private static readonly string[] PresetColumns = ["ID", "XML_ID", "NAME", "COUNTRY_ID"];

    public static Bitrix24Command AddCompany(Bitrix24CompanyImage image) => Command("crm.company.add", new()
    {
        ["fields"] = new Dictionary<string, object?>
        {
            ["TITLE"] = image.Title,
            ["PHONE"] = image.Phones.Select(Row).ToList(),
            ["EMAIL"] = image.Emails.Select(Row).ToList(),
            ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator,
            ["ORIGIN_ID"] = image.Tin,
        },
        ["params"] = new Dictionary<string, object?> { ["REGISTER_SONET_EVENT"] = "N" },
    });

    public static Bitrix24Command UpdateCompany(long id, Bitrix24CompanyImage image, IReadOnlyList<IReadOnlyDictionary<string, object?>> phones, IReadOnlyList<IReadOnlyDictionary<string, object?>> emails)
    {
        var fields = new Dictionary<string, object?> { ["TITLE"] = image.Title };
        if (phones.Count > 0)
        {
            fields["PHONE"] = phones;
        }

        if (emails.Count > 0)
        {
            fields["EMAIL"] = emails;
        }

        return Command("crm.company.update", new() { ["id"] = id, ["fields"] = fields, ["params"] = new Dictionary<string, object?> { ["REGISTER_SONET_EVENT"] = "N" } });
    }

    public static Bitrix24Command GetCompany(long id) => Command("crm.company.get", new() { ["id"] = id });

    public static Bitrix24Command FindCompany(string tin) => Command("crm.company.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator, ["ORIGIN_ID"] = tin },
        ["select"] = IdOnly,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
        ["start"] = -1,
    });

    public static Bitrix24Command FindRequisites(long companyId) => Command("crm.requisite.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = companyId },
        ["select"] = IdAndXmlId,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
        ["start"] = -1,
    });

    public static Bitrix24Command FindBankDetails(IEnumerable<long> requisiteIds) => Command("crm.requisite.bankdetail.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["@ENTITY_ID"] = requisiteIds.ToList() },
        ["select"] = IdAndXmlId,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
        ["start"] = -1,
    });

    public static Bitrix24Command ListPresets() => Command("crm.requisite.preset.list", new()
    {
        ["select"] = PresetColumns,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
    });

    /// <summary>A requisite; <paramref name="companyId"/> is an id or a <see cref="Bitrix24Ref"/> to the company add.</summary>
    public static Bitrix24Command AddRequisite(string companyId, long presetId, Bitrix24CompanyImage image, Bitrix24RequisiteImage requisite) =>
        Command("crm.requisite.add", new() { ["fields"] = RequisiteFields(image, requisite, presetId, companyId) });

    public static Bitrix24Command UpdateRequisite(long id, long presetId, Bitrix24CompanyImage image, Bitrix24RequisiteImage requisite) =>
        Command("crm.requisite.update", new() { ["id"] = id, ["fields"] = RequisiteFields(image, requisite, presetId, companyId: null) });

    public static Bitrix24Command DeleteRequisite(long id) => Command("crm.requisite.delete", new() { ["id"] = id });

    /// <summary>A bank detail; <paramref name="requisiteId"/> is an id or a <see cref="Bitrix24Ref"/> to a requisite add.</summary>
    public static Bitrix24Command AddBankDetail(string requisiteId, Bitrix24CompanyImage image, Bitrix24BankDetailImage bank) =>
        Command("crm.requisite.bankdetail.add", new() { ["fields"] = BankFields(image, bank, requisiteId) });

    public static Bitrix24Command UpdateBankDetail(long id, Bitrix24CompanyImage image, Bitrix24BankDetailImage bank) =>
        Command("crm.requisite.bankdetail.update", new() { ["id"] = id, ["fields"] = BankFields(image, bank, requisiteId: null) });

    public static Bitrix24Command DeleteBankDetail(long id) => Command("crm.requisite.bankdetail.delete", new() { ["id"] = id });

    /// <summary>The external key of a requisite (requisites have no ORIGIN_ID).</summary>
    public static string RequisiteXmlId(string tin, string key) => $"syncgrid:{tin}:{key}";

    /// <summary>The external key of a bank detail.</summary>
    public static string BankXmlId(string tin, string key) => $"syncgrid:{tin}:{key}";

    private static Dictionary<string, object?> RequisiteFields(Bitrix24CompanyImage image, Bitrix24RequisiteImage r, long presetId, string? companyId)
    {
        var fields = new Dictionary<string, object?>
        {
            ["PRESET_ID"] = presetId,
            ["NAME"] = r.Name,
            ["XML_ID"] = RequisiteXmlId(image.Tin, r.Key),
            ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator,
            ["RQ_INN"] = image.Tin,
            ["RQ_COMPANY_NAME"] = r.ShortName,
            ["RQ_COMPANY_FULL_NAME"] = r.FullName,
        };
        if (companyId is not null)
        {
            fields["ENTITY_TYPE_ID"] = 4;
            fields["ENTITY_ID"] = companyId;
        }

        if (r.Kpp is not null)
        {
            fields["RQ_KPP"] = r.Kpp;
        }

        if (r.Ogrn is not null)
        {
            fields[image.IsIndividualEntrepreneur ? "RQ_OGRNIP" : "RQ_OGRN"] = r.Ogrn;
        }

        return fields;
    }

    private static Dictionary<string, object?> BankFields(Bitrix24CompanyImage image, Bitrix24BankDetailImage b, string? requisiteId)
    {
        var fields = new Dictionary<string, object?>
        {
            ["NAME"] = b.BankName ?? $"Счёт {b.Account}",
            ["XML_ID"] = BankXmlId(image.Tin, b.Key),
            ["ORIGINATOR_ID"] = Bitrix24CompanyImage.Originator,
            ["RQ_BIK"] = b.Bik,
            ["RQ_ACC_NUM"] = b.Account,
            ["RQ_BANK_NAME"] = b.BankName,
        };
        if (requisiteId is not null)
        {
            fields["ENTITY_ID"] = requisiteId;
        }

        return fields;
    }

    private static Dictionary<string, object?> Row(MultiFieldValue value) => new() { ["VALUE"] = value.Value, ["VALUE_TYPE"] = value.ValueType };

    private static Bitrix24Command Command(string method, Dictionary<string, object?> parameters) => new(method, Bitrix24Query.Encode(parameters));
}
