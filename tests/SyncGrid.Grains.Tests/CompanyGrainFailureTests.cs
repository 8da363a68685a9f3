using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using Microsoft.Extensions.Configuration;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;
using SyncGrid.Storage.ReadModel;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests;

/// <summary>
/// A company submission that fails half-way — a contact's silo dies under a call, the read model refuses the row — and
/// is retried, as the stream redelivers it: the retry must do everything the first call would have done, and nothing
/// is left waiting for a reminder that was never registered. The register and Bitrix24 sandboxes answer over HTTP.
/// </summary>
public sealed class CompanyGrainFailureTests : IAsyncLifetime
{
    private readonly string _active = NewTin();
    private readonly string _gatewayFailsOnce = NewTin();
    private readonly string _kppChanges = NewTin();
    private InProcessTestCluster _cluster = null!;
    private RegisterSandbox _register = null!;
    private Bitrix24Sandbox _portal = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        // The register knows one active company (every other TIN is not found); the portal has a fast bucket.
        _register = await RegisterSandbox.StartAsync(new RegisterSandboxOptions
        {
            Latency = TimeSpan.FromMilliseconds(2),
            RateLimitPerSecond = 1000,
            Companies = [Active(_active), Active(_gatewayFailsOnce), Active(_kppChanges)],
        });
        _portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WaitForLatency = false, BucketBurst = 20, BucketDrainPerSecond = 50 });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitrix24:WebhookUrl"] = _portal.WebhookUrl.ToString(),
            ["Register:BaseUrl"] = _register.BaseUrl,
            ["Register:ApiKey"] = _register.ApiKey,
            ["Register:RequestsPerSecond"] = "500",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.UseInMemoryReminderService();
            var readModel = new InMemoryReadModel();
            silo.Services.AddSingleton(readModel);
            silo.Services.AddSingleton<IReadModelWriter>(new FlakyReadModel(readModel));
            silo.Services.AddBitrix24Client(configuration.GetSection("Bitrix24"));
            silo.Services.AddRegisterClient(configuration.GetSection("Register"));
            silo.Services.Configure<Bitrix24GatewayOptions>(o =>
            {
                o.BurstLimit = 20;
                o.DrainPerSecond = 50;
            });
            silo.AddIncomingGrainCallFilter<UnreachableContactFilter>();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _portal.DisposeAsync();
        await _register.DisposeAsync();
    }

    [Fact]
    public async Task SubmitAsync_ContactForwardFailsThenRetried_RecordMergedPersistedAndContactsForwarded()
    {
        var tin = NewTin();
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var partner = B($"p-{tin}", 0);
        var reachable = $"reachable.{tin}@example.ru";
        var unreachable = $"{UnreachableContactFilter.Prefix}{tin}@example.ru";
        var submission = Submission(
            [Company(tin, partner, phone: "8 (495) 700-00-01")],
            [Contact(tin, B($"p-{tin}/c1", 0), reachable, parent: partner.Key), Contact(tin, B($"p-{tin}/c2", 0), unreachable, "Петрова Анна", parent: partner.Key)]);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => company.SubmitAsync(submission));
        var retry = await company.SubmitAsync(submission);

        // The company record is news to the retry: merged, written, and its contact list forwarded in full (the contact
        // the first call reached already holds its record).
        Assert.Equal(2, retry.RecordsApplied);
        var state = await company.GetSyncStateAsync();
        Assert.True(state.Merged is not null, $"company {tin}: the retried record was never merged");
        Assert.Equal("+74957000001", state.Merged.Phones!.Value.Single().E164);
        Assert.Equal([$"email:{reachable}", $"email:{unreachable}"], state.Contacts.Select(c => c.Value));
        var contact = await Grains.GetGrain<IContactGrain>($"email:{unreachable}").GetSnapshotAsync();
        Assert.True(contact.Merged is not null, $"company {tin}: the contact the failed call could not reach never got its record");

        // And it is stored, not only held by this activation.
        await _cluster.DeactivateAsync(company);
        var stored = await company.GetSyncStateAsync();
        Assert.Equal([partner.Key.ToString()], stored.Sources.Select(s => s.Key.ToString()));
        Assert.Equal(2, stored.Contacts.Count);
    }

    [Fact]
    public async Task SubmitAsync_FailsAfterItsStateIsWritten_RetryTakesUpTheValidation()
    {
        var tin = NewTin();
        FlakyReadModel.FailOnce[tin] = true;
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var submission = Submission([Company(tin, B($"p-{tin}", 0))]);

        // The state (validation pending) is written, then the read model refuses the row; the caller retries a repeat.
        await Assert.ThrowsAsync<InvalidOperationException>(() => company.SubmitAsync(submission));
        await company.SubmitAsync(submission);

        // The lookup runs now, not at a reminder that was never registered (or a minute later).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        CompanySyncSnapshot state;
        while ((state = await company.GetSyncStateAsync()).Status != CompanySyncStatus.Rejected)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"company {tin}: still {state.Status} after {watch.Elapsed}, the validation was never taken up");
            await Task.Delay(50);
        }

        Assert.Equal("register.not-found", state.StatusReason);
    }

    [Fact]
    public async Task SubmitAsync_NewContactOfSyncedCompanyNotReachedThenRetried_ContactStillPushed()
    {
        var tin = _active;
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var record = Company(tin, A($"companies/{tin}", 0));
        await company.SubmitAsync(Submission([record]));
        CompanySyncSnapshot state = null!;
        await UntilAsync(async () => (state = await company.GetSyncStateAsync()).Status == CompanySyncStatus.Synced, () => $"company {tin} synced (now {state?.Status} {state?.StatusReason} {state?.LastError})");

        // A new contact of the synced company: forwarded, bound, and its notification (the company's Bitrix24 id) is
        // refused once, as by a silo that just died; the caller retries the same submission.
        var key = $"{UnreachableContactFilter.NotifyPrefix}{tin}@example.ru";
        var submission = Submission([record], [Contact(tin, A($"contacts/{tin}", 1), key)]);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => company.SubmitAsync(submission));
        await company.SubmitAsync(submission);

        var contact = Grains.GetGrain<IContactGrain>($"email:{key}");
        await UntilAsync(async () => (await contact.GetSnapshotAsync()).Bitrix24ContactId is not null, () => $"contact email:{key} of company {tin} pushed");
    }

    [Fact]
    public async Task Push_GatewayCallFailsOnce_RetriedWithinSecondsNotAtTheNextReminderTick()
    {
        var tin = _gatewayFailsOnce;
        UnreachableContactFilter.GatewayFailsOnceFor[tin] = true;
        var company = Grains.GetGrain<ICompanyGrain>(tin);

        await company.SubmitAsync(Submission([Company(tin, A($"companies/{tin}", 0))]));

        CompanySyncSnapshot state = null!;
        await UntilAsync(async () => (state = await company.GetSyncStateAsync()).Status == CompanySyncStatus.Synced, () => $"company {tin} synced (now {state?.Status} {state?.StatusReason})");
        Assert.False(UnreachableContactFilter.GatewayFailsOnceFor.ContainsKey(tin), "the injected gateway failure must have fired");
    }

    [Fact]
    public async Task Push_RequisiteReplacedAndTheAnswerLost_OneRequisiteNoDuplicateNothingStuck()
    {
        var tin = _kppChanges;
        var company = Grains.GetGrain<ICompanyGrain>(tin);
        var source = A($"companies/{tin}", 0);
        await company.SubmitAsync(Submission([WithKpp(tin, source, tin[..4] + "01001")]));
        CompanySyncSnapshot state = null!;
        await UntilAsync(async () => (state = await company.GetSyncStateAsync()).Status == CompanySyncStatus.Synced, () => $"company {tin} synced (now {state?.Status})");

        // A newer version of the record names another KPP: the update adds its requisite and deletes the old one, and the
        // portal commits that but loses the answer. The next push must neither add the new requisite again nor be stuck
        // deleting the old one, which is already gone.
        _portal.Faults.SetFailAfterCommit("crm.requisite.add", 1, Bitrix24CommitFailure.Drop);
        try
        {
            await company.SubmitAsync(Submission([WithKpp(tin, A($"companies/{tin}", 10), tin[..4] + "02001")]));
            await UntilAsync(async () => (state = await company.GetSyncStateAsync()).LastError is not null, () => $"company {tin}: the answer to the update lost (now {state?.Status})");
        }
        finally
        {
            _portal.Faults.Reset();
        }

        await UntilAsync(async () => (state = await company.GetSyncStateAsync()).Status == CompanySyncStatus.Synced, () => $"company {tin} synced again (now {state?.Status}: {state?.StatusReason})");
        var requisites = RequisitesOf(state.Bitrix24CompanyId!.Value);
        Assert.Equal([tin[..4] + "02001"], requisites.Select(r => r.Kpp));
        Assert.Equal(requisites.Count, requisites.Select(r => r.XmlId).Distinct().Count());
    }

    private List<(string? Kpp, string? XmlId)> RequisitesOf(long companyId)
    {
        using var state = System.Text.Json.JsonDocument.Parse(_portal.ExportJson());
        return [.. state.RootElement.GetProperty("Tables").GetProperty("requisite").EnumerateObject()
            .Select(r => r.Value.GetProperty("Fields"))
            .Where(f => f.GetProperty("ENTITY_TYPE_ID").GetString() == "4" && f.GetProperty("ENTITY_ID").GetString() == companyId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => (f.TryGetProperty("RQ_KPP", out var kpp) ? kpp.GetString() : null, f.TryGetProperty("XML_ID", out var xml) ? xml.GetString() : null))];
    }

    private static CompanyRecord WithKpp(string tin, SourceRef source, string kpp)
    {
        var n = RecordNormalizer.Normalize(new RawCompany { Source = source, Inn = tin, Name = "ООО \"Ромашка\"", Kpp = kpp, Phones = ["8 (495) 500-55-50"] });
        Assert.False(n.IsRejected, string.Join("; ", n.Problems));
        return n.Record;
    }

    private static RegisterSandboxCompany Active(string tin) => new()
    {
        Inn = tin,
        Kpp = tin[..4] + "01001",
        Ogrn = Ogrn(tin),
        FullName = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {tin}\"",
        ShortName = $"ООО \"КОМПАНИЯ {tin}\"",
        OpfShort = "ООО",
        Address = "г Москва",
    };

    private static string Ogrn(string tin)
    {
        var body = "102" + tin[..9];
        return body + (long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 11 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task UntilAsync(Func<Task<bool>> condition, Func<string> what) =>
        Eventually.UntilAsync(condition, what, TimeSpan.FromSeconds(10));

    /// <summary>The in-memory read model, refusing the first row of each TIN in <see cref="FailOnce"/>.</summary>
    private sealed class FlakyReadModel(InMemoryReadModel inner) : IReadModelWriter
    {
        public static readonly ConcurrentDictionary<string, bool> FailOnce = new(StringComparer.Ordinal);

        public Task UpsertCompanyAsync(CompanyReadModelRow row, CancellationToken cancellationToken = default) =>
            FailOnce.TryRemove(row.Tin, out _)
                ? throw new InvalidOperationException($"The read model refused company {row.Tin} (injected).")
                : inner.UpsertCompanyAsync(row, cancellationToken);
    }

    /// <summary>
    /// Fails the first submission to each contact whose key starts with <see cref="Prefix"/>, the first company
    /// notification to each whose key starts with <see cref="NotifyPrefix"/>, and the first gateway call of each company
    /// in <see cref="GatewayFailsOnceFor"/>, as a call to a silo that just died fails.
    /// </summary>
    private sealed class UnreachableContactFilter : IIncomingGrainCallFilter
    {
        public const string Prefix = "unreachable.";

        public const string NotifyPrefix = "unnotified.";

        /// <summary>Companies whose first call to the Bitrix24 gateway fails, as when the gateway's silo dies under it.</summary>
        public static readonly ConcurrentDictionary<string, bool> GatewayFailsOnceFor = new(StringComparer.Ordinal);

        private static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is IBitrix24GatewayGrain && GatewayFailsOnceFor.TryRemove(context.SourceId?.Key.ToString() ?? string.Empty, out _))
            {
                throw new SiloUnavailableException("The Bitrix24 gateway's silo is gone (injected).");
            }

            var key = context.TargetId.Key.ToString();
            var failing = context.Grain is IContactGrain && key is not null
                && ((context.MethodName == nameof(IContactGrain.SubmitAsync) && key.StartsWith("email:" + Prefix, StringComparison.Ordinal))
                    || (context.MethodName == nameof(IContactGrain.CompanySyncedAsync) && key.StartsWith("email:" + NotifyPrefix, StringComparison.Ordinal)));
            if (failing && Calls.AddOrUpdate(key!, 1, (_, n) => n + 1) == 1)
            {
                throw new SiloUnavailableException($"The silo of contact {key} is gone (injected).");
            }

            await context.Invoke();
        }
    }
}
