using SyncGrid.Domain.Records;

namespace SyncGrid.Generator.Model;

/// <summary>The clean values of one company record version, exactly as the cleaning rules must produce them.</summary>
internal sealed class CompanyValues
{
    public string? Name { get; init; }

    public string? Kpp { get; init; }

    public string? Ogrn { get; init; }

    public string? Address { get; init; }

    public List<CleanPhone> Phones { get; init; } = [];

    public List<string> Emails { get; init; } = [];

    public List<CleanAccount> Accounts { get; init; } = [];
}

/// <summary>A bank account as written in a source.</summary>
internal sealed record RawAccountText(string? Bik, string? Account, string? BankName);

/// <summary>A phone as written in a store B partner (<c>{"number", "type"}</c>).</summary>
internal sealed record RawPartnerPhone(string Number, string Type);

/// <summary>A company record as a source writes it: the messy text of every field.</summary>
internal sealed class RawCompanyText
{
    public string? Inn { get; set; }

    /// <summary>Store B: the TIN is written as a JSON number.</summary>
    public bool InnAsNumber { get; set; }

    /// <summary>Store B: <c>taxNumbers</c> is a bare string instead of an object (so the TIN is missing).</summary>
    public bool TaxNumbersAsString { get; set; }

    public string? Name { get; set; }

    public string? Kpp { get; set; }

    public bool KppAsNumber { get; set; }

    public string? Ogrn { get; set; }

    public string? Address { get; set; }

    public string? Category { get; set; }

    /// <summary>Store A: the one phone field (index 0); store B: one entry per element.</summary>
    public List<string> Phones { get; } = [];

    public List<string> PhoneTypes { get; } = [];

    public List<string> Emails { get; } = [];

    public List<RawAccountText> Accounts { get; } = [];
}

/// <summary>One version of one company source record: a store A row or a store B partner picture (or its deletion).</summary>
internal sealed class CompanyVersion
{
    public required SourceStore Store { get; init; }

    public required string SourceId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public bool Deleted { get; init; }

    /// <summary>Whether the rendered TIN is valid (the record is not rejected whole).</summary>
    public bool TinValid { get; init; }

    /// <summary>Clean values; <see langword="null"/> for a deletion or a record rejected whole.</summary>
    public CompanyValues? Values { get; init; }

    /// <summary>The raw text; <see langword="null"/> for a store B deletion event.</summary>
    public RawCompanyText? Raw { get; init; }

    public List<ExpectedProblem> Problems { get; } = [];

    /// <summary>Store B: the contacts the partner lists in this version.</summary>
    public List<ContactVersion> Contacts { get; } = [];

    /// <summary>Store B: the event id when delivered as an event.</summary>
    public Guid EventId { get; init; }

    public SourceRef Ref => new(Store, SourceId, Time);
}

/// <summary>What becomes of a contact record.</summary>
internal enum ContactFate
{
    /// <summary>Normalised into a record with a key.</summary>
    Record,

    /// <summary>Store A: its company row is missing, deleted or has no valid TIN (<c>contact.no-company</c>).</summary>
    NoCompany,

    /// <summary>Store B: its partner has no valid TIN (<c>contact.company</c>).</summary>
    CompanyInvalid,

    /// <summary>No e-mail, no mobile and no name (<c>contact.identity</c>).</summary>
    NoIdentity,
}

/// <summary>A contact as a source writes it.</summary>
internal sealed class RawContactText
{
    /// <summary>Store A: the one name field.</summary>
    public string? FullName { get; set; }

    public string? LastName { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? Position { get; set; }

    public List<string> Phones { get; } = [];

    public List<string> Emails { get; } = [];
}

/// <summary>One version of one contact source record (a store A row, or a contact inside a store B partner version).</summary>
internal sealed class ContactVersion
{
    public required SourceStore Store { get; init; }

    /// <summary>Store A: the row id; store B: <c>partnerId/contactId</c>.</summary>
    public required string SourceId { get; init; }

    /// <summary>Store B: the contact id inside the partner.</summary>
    public string? ContactId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public bool Deleted { get; init; }

    public required ContactFate Fate { get; init; }

    /// <summary>The contact key (<c>email:…</c>, <c>mobile:…</c>, <c>name:…</c>) when <see cref="Fate"/> is <see cref="ContactFate.Record"/>.</summary>
    public string? Key { get; init; }

    public string? Last { get; init; }

    public string? First { get; init; }

    public string? Middle { get; init; }

    public string? Position { get; init; }

    public List<CleanPhone> Phones { get; init; } = [];

    public List<string> Emails { get; init; } = [];

    public required RawContactText Raw { get; init; }

    public List<ExpectedProblem> Problems { get; init; } = [];

    /// <summary>The person is one of the shared people (their records may come from other companies too).</summary>
    public bool Shared { get; init; }

    public SourceRef Ref => new(Store, SourceId, Time);
}
