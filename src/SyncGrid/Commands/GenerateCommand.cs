using System.CommandLine;
using System.Globalization;
using MySqlConnector;
using Spectre.Console;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// <c>syncgrid generate --scale demo|seed|N [--seed S] --out DIR [--store-a "&lt;connection string&gt;"] [--replace] [--json]</c>:
/// writes the sources' data for a seed (store A SQL and/or database, store B exports and events, the register file) and
/// the expected outcome beside it. Exit code 0 on success, 1 when writing failed, 2 for bad arguments.
/// </summary>
internal static class GenerateCommand
{
    public static Command Build()
    {
        var scale = new Option<string>("--scale") { Description = "demo (about 5,000 companies), seed (the real volume: 53,000 store A companies, 125,000 store B partners) or a number of companies.", DefaultValueFactory = _ => "demo" };
        var seed = new Option<long>("--seed") { Description = "The seed: the same seed and scale give the same bytes.", DefaultValueFactory = _ => 42 };
        var output = new Option<string?>("--out") { Description = "The directory the files go to (created when missing)." };
        var storeA = new Option<string?>("--store-a") { Description = "A MariaDB connection string with Database=…: store A's tables are created there and filled." };
        var replace = new Option<bool>("--replace") { Description = "Drop store A's tables in --store-a first when they exist." };
        var noSql = new Option<bool>("--no-sql") { Description = "Do not write storea.sql into --out." };
        var sample = new Option<int>("--sample") { Description = "Companies described in full in expected.json.", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("generate", "Generate deterministic source data (store A rows, store B exports and events, the register file) and the outcome a correct run must reach.")
        {
            scale, seed, output, storeA, replace, noSql, sample, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!GeneratorScale.TryParse(parse.GetValue(scale), out var companies))
            {
                await error.WriteLineAsync($"--scale is demo, seed or a number of companies from {GeneratorScale.Minimum} up; got '{parse.GetValue(scale)}'.");
                return 2;
            }

            var directory = parse.GetValue(output);
            var connection = parse.GetValue(storeA);
            if (directory is null && connection is null)
            {
                await error.WriteLineAsync("Nowhere to write: pass --out <directory> and/or --store-a \"Server=…;Database=…;User ID=…;Password=…\".");
                return 2;
            }

            string? masked = null;
            if (connection is not null)
            {
                try
                {
                    var builder = new MySqlConnectionStringBuilder(connection);
                    if (string.IsNullOrWhiteSpace(builder.Database))
                    {
                        await error.WriteLineAsync("The --store-a connection string names no database: add Database=<name> (it is created when missing).");
                        return 2;
                    }

                    if (!string.IsNullOrEmpty(builder.Password))
                    {
                        builder.Password = "*****";
                    }

                    masked = builder.ConnectionString;
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync($"The --store-a connection string is malformed: {ex.Message}");
                    return 2;
                }
            }

            GenerationResult result;
            try
            {
                result = await new DataGenerator(new GeneratorOptions
                {
                    Companies = companies,
                    Seed = parse.GetValue(seed),
                    OutputDirectory = directory is null ? null : Path.GetFullPath(directory),
                    WriteStoreASql = !parse.GetValue(noSql),
                    StoreAConnectionString = connection,
                    ReplaceStoreA = parse.GetValue(replace),
                    SampleSize = Math.Max(0, parse.GetValue(sample)),
                }).RunAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"Generation failed: {ex.Message}{(masked is null ? string.Empty : $" Store A: {masked}")}");
                return 1;
            }

            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(writer, new GenerateOutput(result.Elapsed.TotalSeconds, result.Utf8Fallbacks, masked, result.Files.Select(f => new FileOutput(f.Path, f.Kind, f.Bytes, f.Records, f.Encoding, f.Gzip)).ToList(), result.Expected with { Sample = [] }));
                return 0;
            }

            WriteTables(writer, result, masked);
            return 0;
        });
        return command;
    }

    private static void WriteTables(TextWriter writer, GenerationResult result, string? masked)
    {
        var e = result.Expected;
        var console = CliOutput.Console(writer);
        var files = new Table().AddColumns("file", "kind", "records", "size");
        foreach (var f in result.Files)
        {
            files.AddRow(Markup.Escape(f.Path), f.Kind + (f.Gzip ? " (gzip)" : string.Empty) + (f.Encoding == "utf-8" ? string.Empty : $" ({f.Encoding})"), N(f.Records), Size(f.Bytes));
        }

        if (masked is not null)
        {
            files.AddRow(Markup.Escape(masked), "store-a database", N(e.Raw.StoreA.CompanyRows + e.Raw.StoreA.ContactRows), "-");
        }

        console.Write(files);
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("scale / seed", $"{N(e.Scale)} / {e.Seed.ToString(CultureInfo.InvariantCulture)}");
        table.AddRow("generated in", $"{result.Elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture)} s");
        table.AddRow("store A company / contact rows", $"{N(e.Raw.StoreA.CompanyRows)} / {N(e.Raw.StoreA.ContactRows)}");
        table.AddRow("store B partners / contact rows", $"{N(e.Raw.StoreB.Partners)} / {N(e.Raw.StoreB.ContactRows)}");
        table.AddRow("store B events (poison, duplicates, stale)", $"{N(e.Raw.StoreB.Events.Messages)} ({N(e.Raw.StoreB.Events.Poison)}, {N(e.Raw.StoreB.Events.Duplicates)}, {N(e.Raw.StoreB.Events.Stale)})");
        table.AddRow("register units / TINs (not in register)", $"{N(e.Register.Units)} / {N(e.Register.Tins)} ({N(e.Register.NotInRegister)})");
        table.AddRow("[bold]expected Bitrix24 companies[/]", $"[bold]{N(e.Bitrix24.Companies)}[/]");
        table.AddRow("[bold]expected Bitrix24 contacts[/]", $"[bold]{N(e.Bitrix24.Contacts)}[/]");
        table.AddRow("requisites / bank details / contact bindings", $"{N(e.Bitrix24.Requisites)} / {N(e.Bitrix24.BankDetails)} / {N(e.Bitrix24.ContactBindings)}");
        table.AddRow("companies: valid TINs", N(e.Companies.ValidTins));
        table.AddRow("  synced / inactive / not in register / withdrawn", $"{N(e.Companies.Synced)} / {N(e.Companies.Inactive)} / {N(e.Companies.RejectedByRegister)} / {N(e.Companies.Withdrawn)}");
        table.AddRow("records with an invalid TIN (store A / B)", $"{N(e.Companies.InvalidTinRecords.StoreA)} / {N(e.Companies.InvalidTinRecords.StoreB)}");
        table.AddRow("in both stores / several partner ids / several store A rows", $"{N(e.Companies.InBothStores)} / {N(e.Companies.SeveralPartnerIds)} / {N(e.Companies.SeveralStoreARows)}");
        table.AddRow("contacts: live / not pushed / withdrawn", $"{N(e.Contacts.Live)} / {N(e.Contacts.NotPushed)} / {N(e.Contacts.Withdrawn)}");
        table.AddRow("rejects", N(e.Rejects.Total));
        foreach (var (kind, count) in e.Rejects.ByKind)
        {
            table.AddRow($"  {Markup.Escape(kind)}", N(count));
        }

        console.Write(table);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1 << 20
        ? $"{(bytes / (double)(1 << 20)).ToString("N1", CultureInfo.InvariantCulture)} MiB"
        : $"{(bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture)} KiB";

    private sealed record GenerateOutput(double Seconds, int Utf8Fallbacks, string? StoreA, IReadOnlyList<FileOutput> Files, ExpectedOutcome Expected);

    private sealed record FileOutput(string Path, string Kind, long Bytes, long Records, string Encoding, bool Gzip);
}
