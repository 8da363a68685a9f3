namespace SyncGrid.Generator.Model;

/// <summary>The truth about one company: what the register knows and what its source records are drawn from.</summary>
internal sealed class CompanyFacts
{
    public required int Index { get; init; }

    public required bool Individual { get; init; }

    public required string Tin { get; init; }

    public required Vocabulary.City City { get; init; }

    /// <summary>Abbreviated legal form (ООО, ИП, …).</summary>
    public required string LegalShort { get; init; }

    public required string LegalFull { get; init; }

    /// <summary>The name without legal form: <c>Ромашка</c>, or the entrepreneur's full name.</summary>
    public required string BaseName { get; init; }

    /// <summary><c>ООО "Ромашка"</c>, <c>ИП Иванов Иван Иванович</c>.</summary>
    public required string DisplayShort { get; init; }

    /// <summary><c>Общество с ограниченной ответственностью "Ромашка"</c>.</summary>
    public required string DisplayFull { get; init; }

    /// <summary>The head office's KPP; <see langword="null"/> for entrepreneurs.</summary>
    public string? HeadKpp { get; init; }

    public IReadOnlyList<string> BranchKpps { get; init; } = [];

    public required string Ogrn { get; init; }

    public required string Address { get; init; }

    public required string OldAddress { get; init; }

    public required string RegisterAddress { get; init; }

    public required IReadOnlyList<CleanPhone> Phones { get; init; }

    public required CleanPhone OldPhone { get; init; }

    public required IReadOnlyList<string> Emails { get; init; }

    public required string Domain { get; init; }

    public required IReadOnlyList<CleanAccount> Accounts { get; init; }

    public required List<Person> Staff { get; init; }

    /// <summary>ACTIVE, LIQUIDATING, LIQUIDATED, BANKRUPT, REORGANIZING, or NOT_FOUND (left out of the register).</summary>
    public required string RegisterStatus { get; init; }

    public required DateTimeOffset RegistrationDate { get; init; }
}

/// <summary>A person: a company's own staff member, or one of the shared people who serve many companies.</summary>
internal sealed class Person
{
    public required long Id { get; init; }

    public required string Last { get; init; }

    public required string First { get; init; }

    public string? Middle { get; init; }

    public string? Email { get; init; }

    public CleanPhone? Mobile { get; init; }

    /// <summary>The company switchboard with the person's extension (a fixed line: never an identity).</summary>
    public CleanPhone? Office { get; init; }

    public string? Position { get; init; }

    public string? LaterPosition { get; init; }

    public bool Shared { get; init; }
}
