using System.CommandLine;
using Spectre.Console;
using SyncGrid.Domain;
using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Text;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid normalize phone|email|name|company|text &lt;value&gt;</c>: shows what the cleaning rules make of a value.</summary>
internal static class NormalizeCommand
{
    public static Command Build()
    {
        var command = new Command("normalize", "Show what SyncGrid's cleaning rules make of a raw value. Exit code 0 when the whole value is clean, 1 when any part is rejected.");
        command.Add(Sub("phone", "Phone numbers: E.164, extension, mobile or fixed; several numbers in one value are split.", Phone));
        command.Add(Sub("email", "E-mail addresses: split, trimmed, lower-cased, validated.", Email));
        command.Add(Sub("name", "A person's full name split into last, first and middle name.", Name));
        command.Add(Sub("company", "A company name: cleaned, legal form found, matching key derived.", Company));
        command.Add(Sub("text", "Any text: trimmed, whitespace collapsed, NFC, quotes normalised.", Text));
        return command;
    }

    private static Command Sub(string name, string description, Func<string, Outcome> run)
    {
        var value = new Argument<string>("value") { Description = "The raw value (quote it)." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command(name, description) { value, json };
        command.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var outcome = run(parse.GetRequiredValue(value));
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, new { values = outcome.Rows.Select(r => r.ToDictionary(p => p.Key, p => p.Value)), problems = outcome.Problems });
            }
            else
            {
                var console = CliOutput.Console(output);
                if (outcome.Rows.Count > 0)
                {
                    var table = new Table();
                    foreach (var column in outcome.Rows[0].Keys)
                    {
                        table.AddColumn(column);
                    }

                    foreach (var row in outcome.Rows)
                    {
                        table.AddRow(row.Values.Select(v => Markup.Escape(v ?? "-")).ToArray());
                    }

                    console.Write(table);
                }

                foreach (var p in outcome.Problems)
                {
                    console.MarkupLine($"[red]rejected[/] {Markup.Escape($"{CliOutput.Quote(p.RawValue)} {p.Code}: {p.Message}")}");
                }
            }

            return Task.FromResult(outcome.Problems.Count == 0 && outcome.Rows.Count > 0 ? 0 : 1);
        });
        return command;
    }

    private static Outcome Phone(string raw)
    {
        var result = PhoneNormalizer.Parse(raw);
        return new(
            result.Values.Select(p => Row(("e164", p.E164), ("extension", p.Extension), ("kind", p.Kind.ToString().ToLowerInvariant()))).ToList(),
            result.Problems.ToList());
    }

    private static Outcome Email(string raw)
    {
        var result = EmailNormalizer.Parse(raw);
        return new(result.Values.Select(e => Row(("email", e.Value), ("domain", e.Domain))).ToList(), result.Problems.ToList());
    }

    private static Outcome Name(string raw)
    {
        var result = PersonName.Parse(raw);
        return result.Success
            ? new([Row(("last", result.Value.Last), ("first", result.Value.First), ("middle", result.Value.Middle), ("key", result.Value.MatchKey))], [])
            : new([], [result.Problem]);
    }

    private static Outcome Company(string raw)
    {
        var result = CompanyName.Parse(raw);
        return result.Success
            ? new([Row(("name", result.Value.Display), ("legal form", result.Value.LegalForm), ("key", result.Value.MatchKey))], [])
            : new([], [result.Problem]);
    }

    private static Outcome Text(string raw)
    {
        var cleaned = TextNormalizer.Clean(raw);
        return cleaned is null
            ? new([], [new Problem("text.empty", "text", raw, "Nothing is left after cleaning.")])
            : new([Row(("text", cleaned))], []);
    }

    private static Dictionary<string, string?> Row(params (string Key, string? Value)[] cells) => cells.ToDictionary(c => c.Key, c => c.Value);

    private sealed record Outcome(List<Dictionary<string, string?>> Rows, List<Problem> Problems);
}
