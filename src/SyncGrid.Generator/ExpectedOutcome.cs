namespace SyncGrid.Generator;

/// <summary>
/// What a correct run over the generated data must end with, computed from the generator's ground truth by the
/// product's rules (see <c>docs/generator.md</c>). Written beside the data as <c>expected.json</c>.
/// </summary>
public sealed record ExpectedOutcome
{
    /// <summary>The format of this document: <c>syncgrid-expected/1</c>.</summary>
    public string Format { get; init; } = "syncgrid-expected/1";

    public required long Seed { get; init; }

    /// <summary>The scale: company source records (store A company rows plus store B partner ids).</summary>
    public required int Scale { get; init; }

    /// <summary>What the Bitrix24 portal holds at the end.</summary>
    public required ExpectedBitrix24 Bitrix24 { get; init; }

    public required ExpectedCompanies Companies { get; init; }

    public required ExpectedContacts Contacts { get; init; }

    public required ExpectedRejects Rejects { get; init; }

    public required RawCounts Raw { get; init; }

    public required RegisterCounts Register { get; init; }

    /// <summary>The conditions under which the outcome holds.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>The expected final record of a sample of companies.</summary>
    public required IReadOnlyList<ExpectedCompany> Sample { get; init; }
}

/// <summary>Entities in Bitrix24 at the end.</summary>
public sealed record ExpectedBitrix24
{
    /// <summary>Companies (<c>crm.company</c>): register-ACTIVE companies with a valid TIN and at least one live record.</summary>
    public required int Companies { get; init; }

    /// <summary>Requisites (<c>crm.requisite</c>), one per KPP of each synced company.</summary>
    public required int Requisites { get; init; }

    /// <summary>Bank details (<c>crm.requisite.bankdetail</c>), one per account of each synced company.</summary>
    public required int BankDetails { get; init; }

    /// <summary>Contacts (<c>crm.contact</c>): live contacts bound to at least one synced company.</summary>
    public required int Contacts { get; init; }

    /// <summary>Contact–company bindings: for each pushed contact, the synced companies it is bound to.</summary>
    public required int ContactBindings { get; init; }
}

/// <summary>Companies (distinct valid TINs) by final status, and the overlaps of the sources.</summary>
public sealed record ExpectedCompanies
{
    /// <summary>Distinct valid TINs the sources name.</summary>
    public required int ValidTins { get; init; }

    /// <summary>In Bitrix24 (status Synced).</summary>
    public required int Synced { get; init; }

    /// <summary>The register reports them not ACTIVE (status Inactive).</summary>
    public required int Inactive { get; init; }

    /// <summary>Inactive companies by register status (LIQUIDATED, LIQUIDATING, BANKRUPT, REORGANIZING).</summary>
    public required IReadOnlyDictionary<string, int> InactiveByRegisterStatus { get; init; }

    /// <summary>The register does not know them (status Rejected, <c>register.not-found</c>).</summary>
    public required int RejectedByRegister { get; init; }

    /// <summary>Every source record of the company is deleted (status Withdrawn): never looked up, never pushed.</summary>
    public required int Withdrawn { get; init; }

    /// <summary>Source records whose TIN is missing or invalid at every version (rejected whole; no company).</summary>
    public required InvalidTinRecords InvalidTinRecords { get; init; }

    /// <summary>Companies with live records in both stores.</summary>
    public required int InBothStores { get; init; }

    /// <summary>Companies with two or more store A rows.</summary>
    public required int SeveralStoreARows { get; init; }

    /// <summary>Companies under two or more SAP partner ids.</summary>
    public required int SeveralPartnerIds { get; init; }

    /// <summary>Companies with more than one requisite (branches: several KPPs).</summary>
    public required int WithBranches { get; init; }
}

/// <summary>Source records rejected whole for their TIN.</summary>
public sealed record InvalidTinRecords
{
    public required int StoreA { get; init; }

    public required int StoreB { get; init; }
}

/// <summary>Contacts (distinct contact keys) at the end.</summary>
public sealed record ExpectedContacts
{
    /// <summary>Contact keys with at least one live source record.</summary>
    public required int Live { get; init; }

    /// <summary>Live contacts bound to at least one synced company: pushed to Bitrix24.</summary>
    public required int Pushed { get; init; }

    /// <summary>Live contacts whose companies are all unsynced: never pushed.</summary>
    public required int NotPushed { get; init; }

    /// <summary>Contact keys whose every source record is deleted or withdrawn.</summary>
    public required int Withdrawn { get; init; }

    /// <summary>Pushed contacts by the identity rule that keys them: email, mobile, name.</summary>
    public required IReadOnlyDictionary<string, int> PushedByKey { get; init; }

    /// <summary>Pushed contacts bound to two or more synced companies.</summary>
    public required int BoundToSeveralCompanies { get; init; }
}

/// <summary>
/// Rejects, counted as the rejects store keys them: one per distinct (store, source record, field, reason, raw value).
/// Store A source records are "companies/&lt;id&gt;" and "contacts/&lt;id&gt;"; store B ones the partner id or
/// "partnerId/contactId" (the Kafka key for messages); export entries that are not partners "&lt;file&gt;#&lt;index&gt;".
/// </summary>
public sealed record ExpectedRejects
{
    public required long Total { get; init; }

    public required IReadOnlyDictionary<string, long> ByReason { get; init; }

    /// <summary><c>company</c> (a company record rejected whole), <c>contact</c> (a contact record rejected whole), <c>value</c> (one bad value dropped from a kept record), <c>message</c> (a store B message or export entry that is not a partner).</summary>
    public required IReadOnlyDictionary<string, long> ByKind { get; init; }

    public required IReadOnlyDictionary<string, long> ByStore { get; init; }
}

/// <summary>Raw records per source, as written.</summary>
public sealed record RawCounts
{
    public required StoreARawCounts StoreA { get; init; }

    public required StoreBRawCounts StoreB { get; init; }
}

public sealed record StoreARawCounts
{
    public required int CompanyRows { get; init; }

    public required int DeletedCompanyRows { get; init; }

    /// <summary>Company rows whose latin1 columns hold UTF-8 bytes (the newer application); the rest hold windows-1251.</summary>
    public required int Utf8CompanyRows { get; init; }

    public required int ContactRows { get; init; }

    public required int DeletedContactRows { get; init; }

    /// <summary>Contact rows whose company_id names no row.</summary>
    public required int ContactsOfMissingCompanies { get; init; }

    /// <summary>Contact rows with company_id NULL.</summary>
    public required int ContactsWithoutCompany { get; init; }

    /// <summary>Contact rows whose company row is deleted or has no valid TIN.</summary>
    public required int ContactsOfDeletedOrInvalidCompanies { get; init; }

    /// <summary>Company ids skipped in the sequence (rows that no longer exist).</summary>
    public required int MissingCompanyIds { get; init; }
}

public sealed record StoreBRawCounts
{
    /// <summary>Distinct partner ids.</summary>
    public required int Partners { get; init; }

    /// <summary>Distinct contact source records (<c>partnerId/contactId</c>).</summary>
    public required int ContactRows { get; init; }

    /// <summary>Contact entries over every delivered partner version (exports and events, repeats included).</summary>
    public required long ContactEntries { get; init; }

    public required IReadOnlyList<ExportFileCounts> ExportFiles { get; init; }

    public required EventCounts Events { get; init; }
}

public sealed record ExportFileCounts
{
    public required string File { get; init; }

    public required string Encoding { get; init; }

    public required bool Gzip { get; init; }

    public required DateTimeOffset ExportedAt { get; init; }

    public required int Partners { get; init; }

    /// <summary>Entries of the partners array that are not partners (wrong JSON shape, no partnerId).</summary>
    public required int MalformedEntries { get; init; }

    public required long ContactEntries { get; init; }
}

public sealed record EventCounts
{
    public required int Messages { get; init; }

    public required int PartnerChanged { get; init; }

    public required int PartnerDeleted { get; init; }

    /// <summary>Repeated deliveries of an event already delivered.</summary>
    public required int Duplicates { get; init; }

    /// <summary>Changes older than the partner's export version, delivered after it.</summary>
    public required int Stale { get; init; }

    /// <summary>Messages that are not valid events (not JSON, wrong shape, unknown type, no time, no partner id).</summary>
    public required int Poison { get; init; }

    /// <summary>PartnerDeleted for partners never seen with a valid TIN.</summary>
    public required int DeletesOfUnknownPartners { get; init; }
}

public sealed record RegisterCounts
{
    /// <summary>Entries of the register file (head offices and branches).</summary>
    public required int Units { get; init; }

    /// <summary>Distinct TINs in the register file.</summary>
    public required int Tins { get; init; }

    public required IReadOnlyDictionary<string, int> TinsByStatus { get; init; }

    /// <summary>Valid TINs the data uses that the register file leaves out (answered "not found").</summary>
    public required int NotInRegister { get; init; }
}

/// <summary>The expected final state of one company.</summary>
public sealed record ExpectedCompany
{
    public required string Tin { get; init; }

    /// <summary><c>synced</c>, <c>inactive</c>, <c>rejected</c> (register: not found) or <c>withdrawn</c>.</summary>
    public required string Status { get; init; }

    /// <summary>What the register says (ACTIVE, LIQUIDATED, …, or NOT_FOUND).</summary>
    public required string RegisterStatus { get; init; }

    /// <summary><c>organization</c> or <c>individual-entrepreneur</c>.</summary>
    public required string Category { get; init; }

    public string? Name { get; init; }

    public string? Ogrn { get; init; }

    public string? LegalAddress { get; init; }

    /// <summary>One requisite per KPP ("" for the requisite without KPP).</summary>
    public IReadOnlyList<string> Kpps { get; init; } = [];

    /// <summary>E.164, with " ext. N" when there is an extension.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    public IReadOnlyList<string> Emails { get; init; } = [];

    public IReadOnlyList<ExpectedBankAccount> BankAccounts { get; init; } = [];

    /// <summary>The source record that won each field (<c>store-a:&lt;id&gt;</c>, <c>store-b:&lt;partnerId&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    /// <summary>The live source records, oldest first: <c>store:id@time</c> (UTC, to the microsecond).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Keys of the live contacts bound to this company.</summary>
    public IReadOnlyList<string> ContactKeys { get; init; } = [];

    /// <summary>The merged record of the company's own contacts (people no other company lists).</summary>
    public IReadOnlyList<ExpectedContact> Contacts { get; init; } = [];
}

public sealed record ExpectedBankAccount(string Bik, string Account, string? BankName);

/// <summary>The expected merged contact.</summary>
public sealed record ExpectedContact
{
    public required string Key { get; init; }

    public string? LastName { get; init; }

    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    public string? Position { get; init; }

    public IReadOnlyList<string> Phones { get; init; } = [];

    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Whether Bitrix24 holds it at the end.</summary>
    public required bool Pushed { get; init; }
}
