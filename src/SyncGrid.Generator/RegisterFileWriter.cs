using System.Text.Encodings.Web;
using System.Text.Json;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// Streams the register sandbox's file (<c>{"companies": [...]}</c>, the format of <c>docs/register-sandbox.md</c>):
/// every valid TIN the data uses, with its head office and every branch KPP the data names, except the TINs left out
/// on purpose (the register answers "not found" for them).
/// </summary>
internal sealed class RegisterFileWriter : IDisposable
{
    private readonly FileStream? _file;
    private readonly Utf8JsonWriter? _writer;
    private readonly Dictionary<string, int> _byStatus = new(StringComparer.Ordinal);

    public RegisterFileWriter(string? path)
    {
        if (path is null)
        {
            return;
        }

        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _writer = new Utf8JsonWriter(_file, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _writer.WriteStartObject();
        _writer.WriteStartArray("companies");
    }

    public int Units { get; private set; }

    public int Tins { get; private set; }

    public int NotInRegister { get; private set; }

    public IReadOnlyDictionary<string, int> TinsByStatus => _byStatus;

    public long Bytes { get; private set; }

    public void Add(CompanyFacts facts)
    {
        if (facts.RegisterStatus == "NOT_FOUND")
        {
            NotInRegister++;
            return;
        }

        Tins++;
        _byStatus[facts.RegisterStatus] = _byStatus.GetValueOrDefault(facts.RegisterStatus) + 1;
        if (facts.Individual)
        {
            Unit(facts, kpp: null, main: true);
            return;
        }

        Unit(facts, facts.HeadKpp, main: true);
        foreach (var branch in facts.BranchKpps)
        {
            Unit(facts, branch, main: false);
        }
    }

    public void Complete()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        Bytes = _file!.Length;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }

    private void Unit(CompanyFacts facts, string? kpp, bool main)
    {
        Units++;
        if (_writer is not { } w)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("inn", facts.Tin);
        if (kpp is not null)
        {
            w.WriteString("kpp", kpp);
        }

        w.WriteString("ogrn", facts.Ogrn);
        w.WriteString("type", facts.Individual ? "INDIVIDUAL" : "LEGAL");
        w.WriteString("branchType", main ? "MAIN" : "BRANCH");
        if (facts.Individual)
        {
            w.WriteString("fullName", facts.BaseName);
            w.WriteString("opfShort", "ИП");
            w.WriteString("opfFull", facts.LegalFull);
            w.WriteString("fullWithOpf", facts.DisplayFull);
            w.WriteString("shortWithOpf", facts.DisplayShort);
        }
        else
        {
            w.WriteString("fullName", facts.BaseName.ToUpperInvariant());
            w.WriteString("opfShort", facts.LegalShort);
            w.WriteString("opfFull", facts.LegalFull);
        }

        w.WriteString("status", facts.RegisterStatus);
        w.WriteString("address", facts.RegisterAddress);
        w.WriteString("registrationDate", facts.RegistrationDate);
        if (facts.RegisterStatus is "LIQUIDATED" or "BANKRUPT")
        {
            w.WriteString("liquidationDate", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddDays(facts.Index % 300));
        }

        w.WriteEndObject();
        if (Units % 256 == 0)
        {
            w.Flush();
        }
    }
}
