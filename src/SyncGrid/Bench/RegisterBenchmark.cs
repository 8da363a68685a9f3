using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Register;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Cli.Bench;

/// <summary>Settings of <see cref="RegisterBenchmark"/>.</summary>
internal sealed record RegisterBenchSettings(int Records, double Rate, int SandboxRate, TimeSpan Latency, double InvalidShare, double RepeatShare, int Concurrency, int Seed);

/// <summary>What <see cref="RegisterBenchmark"/> measured.</summary>
internal sealed record RegisterBenchResult(
    int Records,
    int InvalidPrefiltered,
    int LookupsMade,
    long RequestsAtRegister,
    long Throttled,
    int Found,
    int Active,
    int NotFound,
    int Unavailable,
    int Refused,
    double Seconds,
    double LookupsPerSecond,
    double ConfiguredRate,
    int RegisterLimit)
{
    public double LookupsPerRecord => (double)LookupsMade / Records;
}

/// <summary>
/// Records with invalid TINs and repeats, checked against the register sandbox (400 ms latency, 30 rps limit) through the
/// real client: invalid TINs are prefiltered with <see cref="Tin.Parse"/> and never sent; repeats hit a per-run cache.
/// </summary>
internal static class RegisterBenchmark
{
    public static async Task<RegisterBenchResult> RunAsync(RegisterBenchSettings settings, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var validRecords = (int)Math.Round(settings.Records * (1 - settings.InvalidShare));
        var pool = Enumerable.Range(0, Math.Max(1, (int)Math.Round(validRecords * (1 - settings.RepeatShare)))).Select(_ => RandomTin(random)).Distinct(StringComparer.Ordinal).ToList();
        var records = new List<string>(settings.Records);
        records.AddRange(pool);
        while (records.Count < validRecords)
        {
            records.Add(pool[random.Next(pool.Count)]);
        }

        while (records.Count < settings.Records)
        {
            records.Add(BreakCheckDigit(pool[random.Next(pool.Count)]));
        }

        records = [.. records.OrderBy(_ => random.Next())];
        var companies = pool.Where((_, i) => i % 5 != 4).Select((tin, i) => new RegisterSandboxCompany
        {
            Inn = tin,
            Kpp = string.Concat(tin.AsSpan(0, 4), "01001"),
            Ogrn = "1027700132195",
            FullName = $"КОМПАНИЯ {i}",
            OpfShort = "ООО",
            OpfFull = "Общество с ограниченной ответственностью",
            Status = i % 7 == 0 ? "LIQUIDATED" : "ACTIVE",
        }).ToList();

        await using var sandbox = await RegisterSandbox.StartAsync(
            new RegisterSandboxOptions { Companies = companies, Latency = settings.Latency, RateLimitPerSecond = settings.SandboxRate, DailyQuota = long.MaxValue },
            cancellationToken).ConfigureAwait(false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Register:BaseUrl"] = sandbox.BaseUrl,
            ["Register:ApiKey"] = sandbox.ApiKey,
            ["Register:RequestsPerSecond"] = settings.Rate.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddRegisterClient(configuration.GetSection("Register"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IRegisterClient>();

        var cache = new ConcurrentDictionary<Tin, Lazy<Task<RegisterLookup>>>();
        var invalid = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (raw, ct) =>
        {
            if (!Tin.TryParse(raw, out var tin))
            {
                Interlocked.Increment(ref invalid);
                return;
            }

            await cache.GetOrAdd(tin, t => new Lazy<Task<RegisterLookup>>(() => client.FindPartyAsync(t, null, ct))).Value.ConfigureAwait(false);
        }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var outcomes = await Task.WhenAll(cache.Values.Select(l => l.Value)).ConfigureAwait(false);
        var stats = sandbox.Stats;
        return new RegisterBenchResult(
            Records: records.Count,
            InvalidPrefiltered: invalid,
            LookupsMade: outcomes.Length,
            RequestsAtRegister: stats.Requests,
            Throttled: stats.Count(429),
            Found: outcomes.Count(o => o is RegisterLookup.Found),
            Active: outcomes.Count(o => o is RegisterLookup.Found { Verdict.IsActive: true }),
            NotFound: outcomes.Count(o => o is RegisterLookup.NotFound),
            Unavailable: outcomes.Count(o => o is RegisterLookup.Unavailable),
            Refused: outcomes.Count(o => o is RegisterLookup.Refused),
            Seconds: elapsed.TotalSeconds,
            LookupsPerSecond: stats.Requests / elapsed.TotalSeconds,
            ConfiguredRate: settings.Rate,
            RegisterLimit: settings.SandboxRate);
    }

    private static string RandomTin(Random random)
    {
        Span<char> digits = stackalloc char[10];
        while (true)
        {
            for (var i = 0; i < 9; i++)
            {
                digits[i] = (char)('0' + random.Next(i == 0 ? 1 : 0, 10));
            }

            for (var check = '0'; check <= '9'; check++)
            {
                digits[9] = check;
                if (Tin.HasValidChecksum(digits))
                {
                    return new string(digits);
                }
            }
        }
    }

    private static string BreakCheckDigit(string tin) =>
        string.Concat(tin.AsSpan(0, 9), ((char)('0' + ((tin[9] - '0' + 1) % 10))).ToString());
}
