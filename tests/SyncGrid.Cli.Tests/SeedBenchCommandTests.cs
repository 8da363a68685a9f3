using System.Globalization;
using System.Text.Json;
using SyncGrid.Cli.Demo;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Tests;

/// <summary>
/// <c>syncgrid bench seed</c> at a tiny scale: the whole pipeline on MariaDB (one silo, then a cluster of two in this
/// process), mock Kafka and both sandboxes, then the unchanged re-run; the report files must hold the run's real figures
/// — counts equal to the generator's own expected outcome (computed here independently), the stages in order, the
/// limits kept, and a re-run that wrote and sent nothing. Needs MariaDB (SYNCGRID_TEST_MARIADB and its binaries).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SeedBenchCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "syncgrid-seed-bench-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task BenchSeed_SiloCountTimesOut_StillWritesTheReportNamingIt()
    {
        Assert.True(EmbeddedMariaDb.WhyUnavailable() is null, $"this test needs MariaDB installed: {EmbeddedMariaDb.WhyUnavailable()}");
        var server = Environment.GetEnvironmentVariable("SYNCGRID_TEST_MARIADB");
        Assert.False(string.IsNullOrWhiteSpace(server), "SYNCGRID_TEST_MARIADB is not set: run the tests with ./deploy/test.sh");
        var reports = Path.Combine(_directory, "timeout");

        // A portal sized to drain the first sync in 20 minutes cannot finish within the one-minute limit.
        var (code, output, error) = await CliRunner.RunAsync(
            "bench", "seed", "--scale", "300", "--seed", "7", "--silos", "1", "--sync-minutes", "20", "--timeout-minutes", "1",
            "--connection", server!, "--out", reports);

        Assert.True(code == 1, $"exit {code}: {error}{Environment.NewLine}{output}");
        Assert.Contains("did not finish: 1 silo(s)", error, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "seed-300.md"));
        Assert.Contains("no silo count finished", markdown, StringComparison.Ordinal);
        Assert.Contains("- 1 silo(s): ", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "seed-300.json")));
        Assert.Empty(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.StartsWith("1 silo(s): ", json.RootElement.GetProperty("failures")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchSeed_TinyScaleOneThenTwoSilos_WritesReportsWithTheExpectedCountsAndAQuietRerun()
    {
        Assert.True(EmbeddedMariaDb.WhyUnavailable() is null, $"this test needs MariaDB installed: {EmbeddedMariaDb.WhyUnavailable()}");
        var server = Environment.GetEnvironmentVariable("SYNCGRID_TEST_MARIADB");
        Assert.False(string.IsNullOrWhiteSpace(server), "SYNCGRID_TEST_MARIADB is not set: run the tests with ./deploy/test.sh");
        var expected = (await new DataGenerator(new GeneratorOptions { Companies = 300, Seed = 7, WriteStoreASql = false }).RunAsync()).Expected;
        var reports = Path.Combine(_directory, "results");

        var (code, output, error) = await CliRunner.RunAsync(
            "bench", "seed", "--scale", "300", "--seed", "7", "--silos", "1,2", "--sync-minutes", "0.1", "--timeout-minutes", "4",
            "--connection", server!, "--out", reports, "--json");

        Assert.True(code == 0, $"exit {code}: {error}{Environment.NewLine}{output}");
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "seed-300.md"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "seed-300.json")));
        using var printed = JsonDocument.Parse(output);
        Assert.Equal(printed.RootElement.GetRawText(), json.RootElement.GetRawText());
        Assert.DoesNotContain("Password", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([1, 2], runs.Select(r => r.GetProperty("silos").GetInt32()));
        Assert.Contains("| figure | 1 silo | 2 silos |", markdown, StringComparison.Ordinal);
        Assert.Contains("`syncgrid bench seed --scale 300 --seed 7 --silos 1,2 --sync-minutes 0.1`", markdown, StringComparison.Ordinal);
        foreach (var run in runs)
        {
            var silos = run.GetProperty("silos").GetInt32();
            Assert.True(run.GetProperty("passed").GetBoolean(), $"{silos} silo(s): final check failed");
            var counts = run.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("actual").GetString()!);
            Assert.Equal(N(expected.Bitrix24.Companies), counts["Bitrix24 companies"]);
            Assert.Equal(N(expected.Bitrix24.Contacts), counts["Bitrix24 contacts"]);
            Assert.Equal(N(expected.Bitrix24.Requisites), counts["Bitrix24 requisites"]);
            Assert.Equal(N(expected.Bitrix24.BankDetails), counts["Bitrix24 bank details"]);
            Assert.Equal(N(expected.Bitrix24.ContactBindings), counts["contact–company bindings"]);
            Assert.Equal(N(expected.Rejects.Total), counts["rejects (all reasons)"]);
            Assert.Contains($"| Bitrix24 companies | {N(expected.Bitrix24.Companies)} |", markdown, StringComparison.Ordinal);

            // Measured from the first publish, the stages overlap; each ends within the run's wall time.
            var stages = run.GetProperty("stages");
            var total = stages.GetProperty("total").GetDouble();
            foreach (var stage in new[] { "ingest", "registerValidated", "bitrix24Synced" })
            {
                Assert.InRange(stages.GetProperty(stage).GetDouble(), 0.1, total);
            }

            var kafkaRecords = run.GetProperty("ingest").GetProperty("kafkaRecords").GetInt64();
            Assert.Equal((long)expected.Raw.StoreA.CompanyRows + expected.Raw.StoreA.ContactRows + expected.Raw.StoreB.ExportFiles.Sum(f => f.Partners + f.MalformedEntries) + expected.Raw.StoreB.Events.Messages, kafkaRecords);
            var handled = run.GetProperty("ingest").GetProperty("recordsHandledByOutcome").EnumerateObject().Sum(o => o.Value.GetInt64());
            Assert.True(handled >= kafkaRecords, $"{silos} silo(s): the ingest grains handled {handled} records of {kafkaRecords}");

            // The same storage counter that must stay at 0 in the re-run counted the first run's writes.
            Assert.True(run.GetProperty("ingest").GetProperty("gridStateWrites").GetInt64() >= expected.Companies.ValidTins, run.GetProperty("ingest").GetRawText());

            var register = run.GetProperty("register");
            Assert.InRange(register.GetProperty("lookups").GetInt64(), expected.Companies.Synced + expected.Companies.Inactive + expected.Companies.RejectedByRegister, expected.Companies.ValidTins * 2L);
            var bitrix24 = run.GetProperty("bitrix24");
            Assert.True(bitrix24.GetProperty("commands").GetInt64() >= bitrix24.GetProperty("minimumCommands").GetInt64(), bitrix24.GetRawText());
            Assert.Equal(0, bitrix24.GetProperty("gatewayLimitErrors").GetInt64() + bitrix24.GetProperty("portalLimitErrors").GetInt64());
            Assert.Equal(50 * bitrix24.GetProperty("drain").GetDouble(), bitrix24.GetProperty("allowedCommandsPerSecond").GetDouble(), 6);
            Assert.True(run.GetProperty("overlap").GetProperty("ratioToSlowerFloor").GetDouble() > 0);

            var rerun = run.GetProperty("rerun");
            Assert.Equal(kafkaRecords, rerun.GetProperty("recordsFed").GetInt64());
            Assert.True(rerun.GetProperty("recordsHandledByOutcome").EnumerateObject().Sum(o => o.Value.GetInt64()) >= kafkaRecords, rerun.GetRawText());
            Assert.Equal(0, rerun.GetProperty("gridStateWrites").GetInt64());
            Assert.Equal(0, rerun.GetProperty("bitrix24Commands").GetInt64());
            Assert.True(rerun.GetProperty("portalUnchanged").GetBoolean(), rerun.GetRawText());
            Assert.True(rerun.GetProperty("checkPassed").GetBoolean(), rerun.GetRawText());
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1,x")]
    [InlineData("")]
    public async Task BenchSeed_BadSilos_ExitCode2WithTheReason(string silos)
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", "seed", "--scale", "300", "--silos", silos, "--connection", "Server=127.0.0.1", "--out", _directory);

        Assert.Equal(2, code);
        Assert.Contains("--silos", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
