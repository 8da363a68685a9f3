using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SyncGrid.Domain.Text;
using SyncGrid.Sandbox.Register;
using SyncGrid.Sources;

namespace SyncGrid.Generator.Tests;

/// <summary>Every output in the exact format its reader expects: events, export files, store A bytes, the register file.</summary>
public sealed class FormatTests(GeneratedData data) : IClassFixture<GeneratedData>
{
    [Fact]
    public async Task Events_EveryLineParses_OnlyThePoisonMessagesAreRejected_KeysArePartnerIds()
    {
        var parsed = 0;
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var message in GeneratedEventFile.ReadAsync(data.PathOf(DataGenerator.FileNames.Events)))
        {
            switch (SapEventParser.Parse(message.Value, "test"))
            {
                case PartnerChanged changed:
                    Assert.Equal(message.Key, changed.Company.Source.Id);
                    Assert.InRange(changed.Company.Source.ChangedAt, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
                    parsed++;
                    break;
                case PartnerDeleted deleted:
                    Assert.Equal(message.Key, deleted.PartnerId);
                    parsed++;
                    break;
                case Rejected r:
                    rejected[r.Code] = rejected.GetValueOrDefault(r.Code) + 1;
                    break;
            }
        }

        var events = data.Expected.Raw.StoreB.Events;
        Assert.Equal(events.PartnerChanged + events.PartnerDeleted, parsed);
        Assert.Equal(events.Poison, rejected.Values.Sum());
        Assert.Equal(["event.time", "event.type", "json.malformed", "json.shape", "partner.id-missing"], rejected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(data.Events.Count, events.Messages);
    }

    [Fact]
    public async Task Exports_GzipAndWindows1251ReadBack_EveryPartnerAtItsExportTime()
    {
        var files = data.Expected.Raw.StoreB.ExportFiles;
        Assert.Equal([false, false, true], files.Select(f => f.Gzip));
        Assert.Equal(["windows-1251", "utf-8", "utf-8"], files.Select(f => f.Encoding));
        var gz = await File.ReadAllBytesAsync(data.PathOf(DataGenerator.FileNames.ExportPart2));
        Assert.Equal([0x1F, 0x8B], gz[..2]);

        foreach (var file in files)
        {
            var encoding = file.Encoding == "windows-1251" ? SourceText.Windows1251 : Encoding.UTF8;
            var reader = new StoreBExportReader(new StoreBExportOptions { Encoding = encoding });
            var partners = 0;
            var malformed = 0;
            await foreach (var item in reader.ReadFileAsync(data.PathOf(file.File), DateTimeOffset.MinValue))
            {
                if (item.Result is PartnerChanged changed)
                {
                    partners++;
                    Assert.Equal(file.ExportedAt, changed.Company.Source.ChangedAt);
                }
                else
                {
                    malformed++;
                }
            }

            Assert.Equal(file.Partners, partners);
            Assert.Equal(file.MalformedEntries, malformed);
        }
    }

    [Fact]
    public async Task OldExport_IsWindows1251_ReadAsUtf8ItsPartnersAreRejected()
    {
        var path = data.PathOf(DataGenerator.FileNames.OldExport);
        Assert.False(Utf8.IsValid(await File.ReadAllBytesAsync(path)));

        var asUtf8 = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader().ReadFileAsync(path, DateTimeOffset.MinValue))
        {
            asUtf8.Add(item);
        }

        Assert.Contains(asUtf8, i => i.Result is Rejected { Code: SapRejectCodes.JsonMalformed } r && r.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void StoreA_LatinColumnsHoldWindows1251ForMostRowsAndUtf8ForTheNewerApplication()
    {
        var kinds = data.Companies.Where(c => c.Name is not null)
            .Select(c =>
            {
                SourceText.Decode(c.Name, out var detected);
                return detected;
            })
            .GroupBy(d => d)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.True(kinds.GetValueOrDefault(SourceText.Detected.Windows1251) > kinds.GetValueOrDefault(SourceText.Detected.Utf8));
        Assert.True(kinds.GetValueOrDefault(SourceText.Detected.Utf8) > data.Companies.Count / 20);
        var cyrillic = data.Companies.First(c => c.Name is not null && !Utf8.IsValid(c.Name));
        Assert.Matches("[А-Яа-яЁё]", SourceText.Decode(cyrillic.Name));
    }

    [Fact]
    public async Task Register_ServedByTheSandbox_AnswersAsTheExpectedStatusesSay()
    {
        var file = data.PathOf(DataGenerator.FileNames.Register);
        Assert.Equal(data.Expected.Register.Units, (await RegisterSandboxFile.ReadAsync(file)).Count);
        await using var sandbox = await RegisterSandbox.StartAsync(new RegisterSandboxOptions { RegisterFile = file, Latency = TimeSpan.Zero, RateLimitPerSecond = 1000 });
        using var http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("Authorization", "Token " + sandbox.ApiKey);

        foreach (var company in data.Expected.Sample.Where(s => s.Status != "withdrawn").Take(60))
        {
            var kpp = company.Kpps.FirstOrDefault(k => k.Length > 0);
            using var response = await http.PostAsJsonAsync("suggestions/api/4_1/rs/findById/party", new { query = company.Tin, kpp, count = 1 });
            response.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var suggestions = answer.RootElement.GetProperty("suggestions");
            if (company.Status == "rejected")
            {
                Assert.Equal(0, suggestions.GetArrayLength());
                continue;
            }

            var state = suggestions[0].GetProperty("data").GetProperty("state").GetProperty("status").GetString();
            Assert.Equal(company.RegisterStatus, state);
            Assert.Equal(company.Status == "synced", state == "ACTIVE");
        }
    }
}
