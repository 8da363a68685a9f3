using System.CommandLine;
using Spectre.Console;
using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid tin check &lt;value&gt;...</c>: normalises and validates TINs; exit code 0 only when all are valid.</summary>
internal static class TinCommand
{
    public static Command Build()
    {
        var values = new Argument<string[]>("value") { Description = "TINs as free text (\" 7707 083 893 \", \"ИНН 7707083893\").", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var check = new Command("check", "Normalise TINs and check length and check digits; exit code 0 only when every value is valid.") { values, json };
        check.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var results = parse.GetRequiredValue(values).Select(Check).ToList();
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, results);
            }
            else
            {
                var table = new Table().AddColumns("input", "tin", "kind", "result");
                foreach (var r in results)
                {
                    table.AddRow(
                        Markup.Escape(CliOutput.Quote(r.Input)),
                        r.Tin ?? "-",
                        r.Kind ?? "-",
                        r.Valid ? "[green]valid[/]" : $"[red]invalid[/] {Markup.Escape($"{r.Code}: {r.Reason}")}");
                }

                CliOutput.Console(output).Write(table);
            }

            return Task.FromResult(results.TrueForAll(r => r.Valid) ? 0 : 1);
        });

        return new Command("tin", "Taxpayer number (INN) tools.") { check };
    }

    private static TinCheckResult Check(string input)
    {
        var result = Tin.Parse(input);
        return result.Success
            ? new TinCheckResult(input, result.Value.Value, result.Value.Kind == TinKind.Organization ? "organization" : "individual", true, null, null)
            : new TinCheckResult(input, null, null, false, result.Problem.Code, result.Problem.Message);
    }

    private sealed record TinCheckResult(string Input, string? Tin, string? Kind, bool Valid, string? Code, string? Reason);
}
