using System.Text;

namespace SyncGrid.Domain.Text;

/// <summary>
/// A company name as it is shown (cleaned, legal form kept) together with its legal form and a matching key that
/// ignores the legal form, quotes, punctuation, case and ё/е, so that <c>ПАО «Сбербанк России»</c> and
/// <c>"СБЕРБАНК РОССИИ", ПАО</c> match.
/// </summary>
/// <param name="Display">The cleaned name with its legal form, as it goes to Bitrix24.</param>
/// <param name="LegalForm">The abbreviated legal form found in the name (ООО, ПАО, ИП, …), if any.</param>
/// <param name="MatchKey">Lower-case words of the name without legal form and punctuation.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.CompanyName")]
public sealed record CompanyName([property: Id(0)] string Display, [property: Id(1)] string? LegalForm, [property: Id(2)] string MatchKey)
{
    // Longest first so that "ПАО" is not read as "АО" and full forms win over their abbreviations.
    private static readonly (string Text, string Abbreviation)[] LegalForms = BuildLegalForms();

    /// <summary>Cleans a company name and derives its legal form and matching key.</summary>
    public static ParseResult<CompanyName> Parse(string? raw)
    {
        var cleaned = TextNormalizer.Clean(raw);
        if (cleaned is null)
        {
            return new Problem("name.missing", "name", raw, "The company name is missing.");
        }

        cleaned = CollapseDoubledQuotes(cleaned);
        var lower = cleaned.ToLowerInvariant().Replace('ё', 'е');
        string? legalForm = null;
        var keyText = lower;
        foreach (var (text, abbreviation) in LegalForms)
        {
            var index = FindWord(keyText, text);
            if (index >= 0)
            {
                legalForm ??= abbreviation;
                keyText = string.Concat(keyText.AsSpan(0, index), " ", keyText.AsSpan(index + text.Length));
            }
        }

        var key = BuildKey(keyText);
        if (key.Length == 0)
        {
            // A name that is nothing but a legal form ("ООО") still has a key: the form itself.
            key = BuildKey(lower);
        }

        if (key.Length == 0)
        {
            return new Problem("name.format", "name", raw, "The company name has no letters or digits.");
        }

        return new CompanyName(cleaned, legalForm, key);
    }

    /// <inheritdoc />
    public override string ToString() => Display;

    private static string CollapseDoubledQuotes(string text)
    {
        // CSV-style exports double their quotes: ООО ""Ромашка"".
        if (!text.Contains("\"\"", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '"' && builder.Length > 0 && builder[^1] == '"')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static int FindWord(string text, string word)
    {
        var start = 0;
        while (start <= text.Length - word.Length)
        {
            var index = text.IndexOf(word, start, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }

            var end = index + word.Length;
            var before = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return index;
            }

            start = index + 1;
        }

        return -1;
    }

    private static string BuildKey(string lower)
    {
        var builder = new StringBuilder(lower.Length);
        var pendingSpace = false;
        foreach (var c in lower)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    private static (string, string)[] BuildLegalForms()
    {
        (string Full, string Abbreviation)[] forms =
        [
            ("федеральное государственное унитарное предприятие", "ФГУП"),
            ("федеральное государственное бюджетное учреждение", "ФГБУ"),
            ("государственное унитарное предприятие", "ГУП"),
            ("муниципальное унитарное предприятие", "МУП"),
            ("муниципальное бюджетное учреждение", "МБУ"),
            ("общество с ограниченной ответственностью", "ООО"),
            ("публичное акционерное общество", "ПАО"),
            ("непубличное акционерное общество", "НАО"),
            ("открытое акционерное общество", "ОАО"),
            ("закрытое акционерное общество", "ЗАО"),
            ("акционерное общество", "АО"),
            ("автономная некоммерческая организация", "АНО"),
            ("некоммерческая организация", "НКО"),
            ("индивидуальный предприниматель", "ИП"),
            ("крестьянское (фермерское) хозяйство", "КФХ"),
            ("крестьянское фермерское хозяйство", "КФХ"),
            ("сельскохозяйственный производственный кооператив", "СПК"),
            ("производственный кооператив", "ПК"),
            ("товарищество собственников жилья", "ТСЖ"),
        ];
        string[] abbreviations = ["ФГУП", "ФГБУ", "ГУП", "МУП", "МБУ", "ООО", "ПАО", "НАО", "ОАО", "ЗАО", "АО", "АНО", "НКО", "ИП", "КФХ", "СПК", "ПК", "ТСЖ", "LLC", "JSC", "LTD", "GMBH"];
        var all = forms.Select(f => (f.Full, f.Abbreviation))
            .Concat(abbreviations.Select(a => (a.ToLowerInvariant(), a)))
            .OrderByDescending(f => f.Item1.Length)
            .ToArray();
        return all;
    }
}
