using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Spectre.Console;
using SyncGrid.Domain.Text;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// <c>syncgrid import &lt;file&gt;</c>: publishes a store B export file to the exports topic, batch by batch, and
/// checkpoints after each acknowledged batch so a rerun resumes. Exit code 0 when the file is imported (or already
/// was), 1 when the import failed or the file is broken (everything before the break is imported), 2 for a usage or
/// configuration error, 130 when interrupted.
/// </summary>
internal static class ImportCommand
{
    /// <summary>The configuration key of the Kafka brokers.</summary>
    public const string KafkaSetting = "Kafka:BootstrapServers";

    /// <summary>The configuration key of the checkpoint directory used without MariaDB.</summary>
    public const string CheckpointDirectorySetting = "Import:CheckpointDirectory";

    private static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(5);

    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The export file: .json or .json.gz (gzip is also recognised by its content)." };
        var encoding = new Option<string>("--encoding") { Description = "The file's text encoding: utf-8 (default) or windows-1251 (older exports), or another code page name.", DefaultValueFactory = _ => "utf-8" };
        var topic = new Option<string?>("--topic") { Description = $"The topic to publish to. Default: the configuration key {StoreBStreams.ExportsTopicSetting}, else {StoreBStreams.ExportsNamespace}." };
        var batch = new Option<int>("--batch") { Description = "Records per published batch; the checkpoint moves once per acknowledged batch.", DefaultValueFactory = _ => 1000 };
        var restart = new Option<bool>("--restart") { Description = "Forget the file's checkpoint and import it from the beginning." };
        var config = new Option<FileInfo?>("--config") { Description = "An extra JSON configuration file, read after appsettings.json and before environment variables." };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = $"The Kafka brokers (host:port,…). Default: the configuration key {KafkaSetting}." };
        var connection = new Option<string?>("--connection") { Description = $"The MariaDB database holding the checkpoints. Default: the configuration key {DbCommand.ConfigurationKey}; without one, checkpoints are files." };
        var checkpointDirectory = new Option<string?>("--checkpoint-dir") { Description = $"Where checkpoint files go when there is no MariaDB. Default: the configuration key {CheckpointDirectorySetting}, else syncgrid/checkpoints under the user's local application data." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (and no live progress)." };
        var command = new Command("import", "Import a store B export file into the exports topic: streamed, batched, resumable from its checkpoint after a crash; malformed partners reach the rejects store with their file position.")
        {
            file, encoding, topic, batch, restart, config, bootstrap, connection, checkpointDirectory, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var settings = await ReadSettingsAsync(parse, file, encoding, topic, batch, restart, config, bootstrap, connection, checkpointDirectory, error);
            if (settings is null)
            {
                return 2;
            }

            return await RunAsync(settings, parse.GetValue(json), parse.InvocationConfiguration.Output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<ImportSettings?> ReadSettingsAsync(
        ParseResult parse, Argument<FileInfo> file, Option<string> encoding, Option<string?> topic, Option<int> batch, Option<bool> restart,
        Option<FileInfo?> config, Option<string?> bootstrap, Option<string?> connection, Option<string?> checkpointDirectory, TextWriter error)
    {
        var path = parse.GetValue(file)!;
        if (!path.Exists)
        {
            await error.WriteLineAsync($"The export file {path.FullName} does not exist.");
            return null;
        }

        var configFile = parse.GetValue(config);
        if (configFile is { Exists: false })
        {
            await error.WriteLineAsync($"The configuration file {configFile.FullName} given with --config does not exist.");
            return null;
        }

        var builder = new ConfigurationBuilder().SetBasePath(Directory.GetCurrentDirectory()).AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            builder.AddJsonFile(configFile.FullName, optional: false);
        }

        var configuration = builder.AddEnvironmentVariables().Build();
        var servers = parse.GetValue(bootstrap) is { Length: > 0 } given ? given : configuration[KafkaSetting];
        if (string.IsNullOrWhiteSpace(servers))
        {
            await error.WriteLineAsync($"No Kafka brokers configured: set {KafkaSetting} (environment variable Kafka__BootstrapServers, or in appsettings.json / --config) or pass --bootstrap-servers host:port.");
            return null;
        }

        if (!TryEncoding(parse.GetValue(encoding), out var textEncoding))
        {
            await error.WriteLineAsync($"Unknown --encoding '{parse.GetValue(encoding)}': use utf-8, windows-1251 or another code page name.");
            return null;
        }

        string target;
        try
        {
            target = parse.GetValue(topic) is { Length: > 0 } named ? named : StoreBStreams.ExportsTopic(configuration[StoreBStreams.ExportsTopicSetting]);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return null;
        }

        if (!StoreBStreams.IsExportsNamespace(target))
        {
            await error.WriteLineAsync($"Note: the partner ingest grains do not read topic '{target}' (its name does not contain '{StoreBStreams.ExportsNamespace}').");
        }

        var size = parse.GetValue(batch);
        if (size is < 1 or > 100_000)
        {
            await error.WriteLineAsync($"--batch must be between 1 and 100000; got {size}.");
            return null;
        }

        var mariaDb = parse.GetValue(connection) is { Length: > 0 } conn ? conn : configuration.GetConnectionString("MariaDb");
        var directory = parse.GetValue(checkpointDirectory) is { Length: > 0 } dir ? dir
            : configuration[CheckpointDirectorySetting] is { Length: > 0 } configured ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "syncgrid", "checkpoints");
        return new ImportSettings(
            new StoreBImportRequest { Path = path.FullName, Topic = target, Encoding = textEncoding, BatchSize = size, Restart = parse.GetValue(restart) },
            servers,
            configuration.GetSection("Kafka:Producer"),
            string.IsNullOrWhiteSpace(mariaDb) ? null : mariaDb,
            directory);
    }

    private static async Task<int> RunAsync(ImportSettings settings, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddKafkaRecordProducer(o =>
            {
                settings.ProducerSection.Bind(o);
                o.BootstrapServers = settings.BootstrapServers;
            })
            .BuildServiceProvider();
        KafkaRecordProducer producer;
        try
        {
            producer = services.GetRequiredService<KafkaRecordProducer>();
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Kafka:Producer: {ex.Message}");
            return 2;
        }

        using var files = settings.ConnectionString is null ? new FileSourceCheckpointStore(settings.CheckpointDirectory) : null;
        ISourceCheckpointStore checkpoints = files is null
            ? new MariaDbSourceCheckpointStore(new MariaDbSourceCheckpointStoreOptions { ConnectionString = settings.ConnectionString! })
            : files;
        var where = files is null ? "MariaDB (syncgrid_source_checkpoint)" : files.Location;
        var importer = new StoreBExportImporter(new KafkaImportPublisher(producer), checkpoints, TimeProvider.System);
        ImportSummary summary;
        try
        {
            summary = json
                ? await importer.ImportAsync(settings.Request, cancellationToken: cancellationToken)
                : await ImportWithProgressAsync(importer, settings.Request, Console(output), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Import interrupted; the checkpoint holds the last acknowledged batch. Run the same command again to resume.");
            return 130;
        }
        catch (Exception ex) when (ex is KafkaPublishException or IOException or InvalidOperationException or InvalidDataException or MySqlException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Import failed: {ex.Message} The checkpoint holds the last acknowledged batch; run the same command again to resume.");
            return 1;
        }

        if (json)
        {
            CliOutput.WriteJson(output, new ImportOutput(summary, where));
        }
        else
        {
            WriteSummary(Console(output), summary, where);
        }

        if (summary.Outcome == ImportOutcome.Broken)
        {
            await error.WriteLineAsync($"The file is broken: {summary.Error} Everything before the break was imported; the break is in the rejects store.");
            return 1;
        }

        return 0;
    }

    private static async Task<ImportSummary> ImportWithProgressAsync(StoreBExportImporter importer, StoreBImportRequest request, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Redirected output (a log): a plain line every few seconds instead of a live bar.
            TimeSpan? last = null;
            return await importer.ImportAsync(
                request,
                progress =>
                {
                    if (last is null || progress.Elapsed - last >= PlainProgressInterval)
                    {
                        last = progress.Elapsed;
                        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{progress.Fraction,7:P1} {Describe(progress)}"));
                    }
                },
                cancellationToken);
        }

        ImportSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Path.GetFileName(request.Path), maxValue: Math.Max(1, new FileInfo(request.Path).Length));
                summary = await importer.ImportAsync(
                    request,
                    progress =>
                    {
                        task.Value = progress.FilePosition;
                        task.Description = Markup.Escape(Describe(progress));
                    },
                    cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return summary!;
    }

    private static string Describe(ImportProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.File}: {p.Published:N0} records ({p.Rejected:N0} rejected) · {p.RecordsPerSecond:N0} rec/s · {p.FilePosition / 1e6:N0}/{p.FileSize / 1e6:N0} MB · {p.MegabytesPerSecond:N1} MB/s · ETA {(p.Eta is { } eta ? eta.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}");

    private static void WriteSummary(IAnsiConsole console, ImportSummary summary, string checkpoints)
    {
        var table = new Table().AddColumns("import", "value");
        table.AddRow("file", Markup.Escape($"{summary.File} ({summary.FileBytes / 1e6:N1} MB, id {summary.FileId[..12]}…)"));
        table.AddRow("outcome", summary.Outcome.ToString());
        table.AddRow("topic", Markup.Escape(summary.Topic));
        table.AddRow("resumed after partner", summary.ResumedAfter?.ToString("N0", CultureInfo.InvariantCulture) ?? "(start)");
        table.AddRow("published / rejected (this run)", $"{summary.Published:N0} / {summary.Rejected:N0}");
        table.AddRow("records for this file (all runs)", summary.TotalRecords.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("batches", summary.Batches.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("seconds", summary.Seconds.ToString("N1", CultureInfo.InvariantCulture));
        table.AddRow("records/s", summary.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("MB/s (file bytes read)", summary.MegabytesPerSecond.ToString("N1", CultureInfo.InvariantCulture));
        table.AddRow("checkpoints", Markup.Escape(checkpoints));
        if (summary.Error is { } problem)
        {
            table.AddRow("error", Markup.Escape(problem));
        }

        console.Write(table);
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    private static bool TryEncoding(string? name, out Encoding encoding)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "utf-8" or "utf8":
                encoding = Encoding.UTF8;
                return true;
            case "windows-1251" or "cp1251" or "1251":
                encoding = SourceText.Windows1251;
                return true;
        }

        try
        {
            _ = SourceText.Windows1251; // registers the code-pages provider
            encoding = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name!.Trim());
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            encoding = Encoding.UTF8;
            return false;
        }
    }

    private sealed record ImportSettings(StoreBImportRequest Request, string BootstrapServers, IConfigurationSection ProducerSection, string? ConnectionString, string CheckpointDirectory);

    private sealed record ImportOutput(ImportSummary Summary, string Checkpoints);
}
