namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Field list, writable set and error texts of one classic CRM entity.</summary>
internal sealed class EntitySchema
{
    public static readonly string[] MultiFieldTypes = ["PHONE", "EMAIL", "WEB", "IM", "LINK"];

    private static readonly string[] Audit = ["DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID"];

    // Fields companies and contacts share: origin keys, derived flags and the legacy address block.
    private static readonly string[] PartyTail = ["ORIGINATOR_ID", "ORIGIN_ID", "ORIGIN_VERSION", "LAST_ACTIVITY_TIME", "ADDRESS", "ADDRESS_2",
        "ADDRESS_CITY", "ADDRESS_POSTAL_CODE", "ADDRESS_REGION", "ADDRESS_PROVINCE", "ADDRESS_COUNTRY"];

    private static readonly string[] PartyReadOnly = ["ID", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL", "LAST_ACTIVITY_TIME", "LEAD_ID", .. Audit];

    public static readonly EntitySchema Company = new(
        "company",
        ["ID", "COMPANY_TYPE", "TITLE", "LOGO", "LEAD_ID", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL", "ASSIGNED_BY_ID", "CREATED_BY_ID",
            "MODIFY_BY_ID", "BANKING_DETAILS", "INDUSTRY", "REVENUE", "CURRENCY_ID", "EMPLOYEES", "COMMENTS", "DATE_CREATE",
            "DATE_MODIFY", "OPENED", "IS_MY_COMPANY", .. PartyTail],
        PartyReadOnly,
        hasMultiFields: true,
        freePrefixes: ["UF_CRM_", "PARENT_ID_"],
        updateNotFound: "Company is not found");

    public static readonly EntitySchema Contact = new(
        "contact",
        ["ID", "HONORIFIC", "NAME", "SECOND_NAME", "LAST_NAME", "PHOTO", "BIRTHDATE", "TYPE_ID", "SOURCE_ID", "SOURCE_DESCRIPTION", "POST",
            "COMMENTS", "OPENED", "EXPORT", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL", "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID",
            "DATE_CREATE", "DATE_MODIFY", "COMPANY_ID", "LEAD_ID", .. PartyTail],
        ["COMPANY_ID", .. PartyReadOnly],
        hasMultiFields: true,
        freePrefixes: ["UF_CRM_", "PARENT_ID_"],
        updateNotFound: "Contact is not found");

    public static readonly EntitySchema Deal = new(
        "deal",
        ["ID", "TITLE", "TYPE_ID", "CATEGORY_ID", "STAGE_ID", "STAGE_SEMANTIC_ID", "IS_NEW", "IS_RECURRING", "PROBABILITY", "CURRENCY_ID",
            "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "TAX_VALUE", "COMPANY_ID", "CONTACT_ID", "QUOTE_ID", "BEGINDATE", "CLOSEDATE", "OPENED",
            "CLOSED", "COMMENTS", "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID", "DATE_CREATE", "DATE_MODIFY", "MOVED_BY_ID", "MOVED_TIME",
            "SOURCE_ID", "SOURCE_DESCRIPTION", "LEAD_ID", "ADDITIONAL_INFO", "ORIGINATOR_ID", "ORIGIN_ID"],
        ["ID", "STAGE_SEMANTIC_ID", "IS_NEW", "IS_RECURRING", "CLOSED", "MOVED_BY_ID", "MOVED_TIME", "LEAD_ID", "QUOTE_ID", .. Audit],
        hasMultiFields: false,
        freePrefixes: ["UF_CRM_", "PARENT_ID_"],
        updateNotFound: "Not found");

    public static readonly EntitySchema Requisite = new(
        "requisite",
        ["ID", "ENTITY_TYPE_ID", "ENTITY_ID", "PRESET_ID", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID", "NAME", "CODE",
            "XML_ID", "ORIGINATOR_ID", "ACTIVE", "ADDRESS_ONLY", "SORT"],
        ["ID", .. Audit],
        hasMultiFields: false,
        freePrefixes: ["RQ_", "UF_CRM_"],
        updateNotFound: "The Requisite with ID '{0}' is not found");

    public static readonly EntitySchema BankDetail = new(
        "bankdetail",
        ["ID", "ENTITY_ID", "COUNTRY_ID", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID", "NAME", "CODE", "XML_ID", "ACTIVE",
            "SORT", "COMMENTS", "ORIGINATOR_ID"],
        ["ID", .. Audit],
        hasMultiFields: false,
        freePrefixes: ["RQ_"],
        updateNotFound: "The BankDetail with ID '{0}' is not found");

    public static readonly EntitySchema Preset = new(
        "preset",
        ["ID", "ENTITY_TYPE_ID", "COUNTRY_ID", "NAME", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID", "ACTIVE", "XML_ID", "SORT"],
        ["ID", .. Audit],
        hasMultiFields: false,
        freePrefixes: [],
        updateNotFound: "Not found");

    private readonly HashSet<string> _fieldSet;
    private readonly HashSet<string> _readOnly;

    private EntitySchema(string name, string[] fields, string[] readOnly, bool hasMultiFields, string[] freePrefixes, string updateNotFound)
    {
        Name = name;
        Fields = fields;
        _fieldSet = new HashSet<string>(fields, StringComparer.Ordinal);
        _readOnly = new HashSet<string>(readOnly, StringComparer.Ordinal);
        HasMultiFields = hasMultiFields;
        FreePrefixes = freePrefixes;
        UpdateNotFound = updateNotFound;
    }

    public string Name { get; }

    public IReadOnlyList<string> Fields { get; }

    public bool HasMultiFields { get; }

    public IReadOnlyList<string> FreePrefixes { get; }

    public string UpdateNotFound { get; }

    public bool IsStandard(string field) => _fieldSet.Contains(field);

    public bool IsFree(string field) => FreePrefixes.Any(p => field.StartsWith(p, StringComparison.Ordinal) && field.Length > p.Length);

    /// <summary>Whether a write may set this field; with <c>IMPORT=Y</c> the audit fields become writable.</summary>
    public bool IsWritable(string field, bool import) =>
        (IsStandard(field) && (!_readOnly.Contains(field) || (import && Audit.Contains(field)))) || IsFree(field);

    public static bool IsMultiField(string field) => MultiFieldTypes.Contains(field);
}
