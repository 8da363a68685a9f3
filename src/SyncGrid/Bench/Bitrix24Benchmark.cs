using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Bitrix24;
using SyncGrid.Cli.Hosting;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Companies with contacts pushed through the whole path — register sandbox, company and contact grains, the
/// per-portal gateway — into the Bitrix24 sandbox at its limits; then the same kind of entities through a naive
/// client that sends one paced request per entity. Reports commands/s, the ratio to what the portal allows, limit
/// errors, exactness (entities, duplicates), and the speed-up over the naive client.
/// </summary>
internal static class Bitrix24Benchmark
{
    public static async Task<Bitrix24BenchResult> RunAsync(Bitrix24BenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var companies = Enumerable.Range(0, settings.Companies).Select(Company).ToList();
        await using var register = await RegisterSandbox.StartAsync(new RegisterSandboxOptions
        {
            Latency = TimeSpan.FromMilliseconds(1),
            RateLimitPerSecond = 100_000,
            DailyQuota = 10_000_000,
            Companies = companies.Select(c => new RegisterSandboxCompany
            {
                Inn = c.Tin,
                Kpp = c.Tin[..4] + "01001",
                Ogrn = "1027700132195",
                FullName = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {c.Index}\"",
                ShortWithOpf = $"ООО \"КОМПАНИЯ {c.Index}\"",
            }).ToList(),
        }, cancellationToken);
        await using var portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { BucketBurst = settings.Burst, BucketDrainPerSecond = settings.Drain, WaitForLatency = false }, cancellationToken);

        using var host = SiloHost.Build(null, overrides: new Dictionary<string, string?>
        {
            ["Grid:SiloPort"] = LoopbackPorts.Free(),
            ["Grid:GatewayPort"] = LoopbackPorts.Free(),
            ["Bitrix24:WebhookUrl"] = portal.WebhookUrl.ToString(),
            ["Bitrix24:BurstLimit"] = settings.Burst.ToString(CultureInfo.InvariantCulture),
            ["Bitrix24:DrainPerSecond"] = settings.Drain.ToString(CultureInfo.InvariantCulture),
            ["Register:BaseUrl"] = register.BaseUrl.ToString(),
            ["Register:ApiKey"] = register.ApiKey,
            ["Register:RequestsPerSecond"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var expectedContacts = settings.Companies * settings.ContactsPerCompany;
        progress.WriteLine($"pushing {settings.Companies:N0} companies with {expectedContacts:N0} contacts to a portal with burst {settings.Burst} and {settings.Drain}/s");

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(companies, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (c, ct) =>
            await grains.GetGrain<ICompanyGrain>(c.Tin).SubmitAsync(c.Submission(settings.ContactsPerCompany), ct));
        while (true)
        {
            var counts = portal.Inspect().EntityCounts;
            if (counts.GetValueOrDefault("company") >= settings.Companies && counts.GetValueOrDefault("contact") >= expectedContacts)
            {
                break;
            }

            if (watch.Elapsed > settings.Timeout)
            {
                throw new TimeoutException($"After {settings.Timeout} Bitrix24 holds {counts.GetValueOrDefault("company")} companies and {counts.GetValueOrDefault("contact")} contacts.");
            }

            await Task.Delay(250, cancellationToken);
            if (watch.Elapsed.TotalSeconds % 15 < 0.25)
            {
                var s = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
                progress.WriteLine($"  {watch.Elapsed:mm\\:ss} companies {counts.GetValueOrDefault("company"):N0}, contacts {counts.GetValueOrDefault("contact"):N0}, {s.CommandsPerSecond:N1} commands/s, queue {s.QueueDepth}");
            }
        }

        var stats = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
        var inspection = portal.Inspect();
        await host.StopAsync(cancellationToken);

        // What the portal allows in the time the gateway took: the burst once, then the drain, 50 commands a request.
        var seconds = stats.Commands / Math.Max(0.001, stats.CommandsPerSecond);
        var allowedCommands = (settings.Burst + (settings.Drain * seconds)) * 50;
        // The naive client runs as long as the gateway did, so both get the same burst allowance.
        var naive = await NaiveAsync(settings with { NaiveDuration = settings.NaiveDuration > TimeSpan.Zero ? settings.NaiveDuration : TimeSpan.FromSeconds(seconds) }, cancellationToken);
        return new Bitrix24BenchResult(
            Companies: settings.Companies,
            Contacts: expectedContacts,
            Seconds: seconds,
            Requests: stats.Requests,
            Commands: stats.Commands,
            CommandsPerSecond: stats.CommandsPerSecond,
            AllowedCommandsPerSecond: allowedCommands / seconds,
            RatioToAllowed: stats.Commands / allowedCommands,
            GatewayLimitErrors: stats.RateLimitErrors + stats.OperatingLimitErrors,
            PortalLimitErrors: inspection.QueryLimitErrors + inspection.OperatingLimitErrors,
            PortalCompanies: inspection.EntityCounts.GetValueOrDefault("company"),
            PortalContacts: inspection.EntityCounts.GetValueOrDefault("contact"),
            OriginDuplicates: inspection.OriginDuplicates.Count,
            MultiFieldDuplicates: inspection.MultiFieldDuplicates.Count,
            NaiveCommands: naive.Commands,
            NaiveCommandsPerSecond: naive.Commands / naive.Seconds,
            SpeedUp: stats.CommandsPerSecond / (naive.Commands / naive.Seconds));
    }

    /// <summary>One request per entity, paced to the same bucket so it never hits the limit: what a client without batching can do.</summary>
    private static async Task<(int Commands, double Seconds)> NaiveAsync(Bitrix24BenchSettings settings, CancellationToken cancellationToken)
    {
        await using var portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { BucketBurst = settings.Burst, BucketDrainPerSecond = settings.Drain, WaitForLatency = false }, cancellationToken);
        using var http = new HttpClient();
        var client = new Bitrix24Client(http, Options.Create(new Bitrix24Options { WebhookUrl = portal.WebhookUrl.ToString() }), TimeProvider.System, NullLogger<Bitrix24Client>.Instance);
        var pacer = new LeakyBucketPacer(settings.Burst, settings.Drain, TimeProvider.System.GetUtcNow());
        var watch = Stopwatch.StartNew();
        var commands = 0;
        while (watch.Elapsed < settings.NaiveDuration)
        {
            var wait = pacer.DelayBeforeNext(TimeProvider.System.GetUtcNow());
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            pacer.OnSent(TimeProvider.System.GetUtcNow());
            await client.CallAsync(new Bitrix24Command("crm.contact.add", Bitrix24Query.Encode(new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { ["NAME"] = $"Контакт {commands}" } })), cancellationToken);
            commands++;
        }

        return (commands, watch.Elapsed.TotalSeconds);
    }

    private static BenchCompany Company(int index) => new(index, Tin.FromBody((500_000_000 + index).ToString(CultureInfo.InvariantCulture)).Value);


    private sealed record BenchCompany(int Index, string Tin)
    {
        public CompanySubmission Submission(int contacts)
        {
            var source = new SourceRef(SourceStore.StoreB, $"00{Index}", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
            var company = RecordNormalizer.Normalize(new RawCompany
            {
                Source = source,
                Inn = Tin,
                Name = $"ООО «Компания {Index}»",
                Kpp = Tin[..4] + "01001",
                Phones = [$"8 (495) {100 + (Index % 900)}-{10 + (Index % 90)}-{10 + (Index / 90 % 90)}"],
                Emails = [$"info{Index}@example.ru"],
                BankAccounts = [new RawBankAccount("044525225", "40702810400000000225", "ПАО Сбербанк")],
            }).Record!;
            var people = Enumerable.Range(0, contacts).Select(j => RecordNormalizer.Normalize(new RawContact
            {
                Source = new SourceRef(SourceStore.StoreB, $"{source.Id}/C-{j}", source.ChangedAt),
                CompanyInn = Tin,
                FullName = "Иванов Иван Иванович",
                Emails = [$"person{Index}.{j}@example.ru"],
                Phones = ["+7 916 123-45-67"],
                Parent = source.Key,
            }).Record!).ToList();
            return new CompanySubmission { Companies = [company], Contacts = new ValueList<ContactRecord>(people), CompleteContactLists = [source.Key] };
        }
    }
}

/// <summary>Settings of <c>bench bitrix24</c>.</summary>
internal sealed record Bitrix24BenchSettings(int Companies, int ContactsPerCompany, int Burst, double Drain, TimeSpan Timeout, TimeSpan NaiveDuration);

/// <summary>The figures of one <c>bench bitrix24</c> run.</summary>
internal sealed record Bitrix24BenchResult(
    int Companies,
    int Contacts,
    double Seconds,
    long Requests,
    long Commands,
    double CommandsPerSecond,
    double AllowedCommandsPerSecond,
    double RatioToAllowed,
    long GatewayLimitErrors,
    long PortalLimitErrors,
    int PortalCompanies,
    int PortalContacts,
    int OriginDuplicates,
    int MultiFieldDuplicates,
    int NaiveCommands,
    double NaiveCommandsPerSecond,
    double SpeedUp);
