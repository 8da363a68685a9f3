using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;
using SyncGrid.Storage.ReadModel;

namespace SyncGrid.Grains.Tests.Bitrix24;

/// <summary>
/// A silo wired to the two sandboxes over real HTTP: the register (fast, with a list of active, liquidated and
/// unknown companies) and a Bitrix24 portal with a fast bucket (burst 20, 50 requests/s) and the faults a test sets.
/// </summary>
public sealed class SyncFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public Bitrix24Sandbox Portal { get; private set; } = null!;

    public RegisterSandbox Register { get; private set; } = null!;

    public InMemoryReadModel ReadModel { get; } = new();

    public IGrainFactory Grains => _cluster!.Client;

    public InProcessTestCluster Cluster => _cluster!;

    /// <summary>TINs the register reports ACTIVE.</summary>
    public List<string> Active { get; } = [];

    /// <summary>TINs the register reports LIQUIDATED.</summary>
    public List<string> Liquidated { get; } = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 50; i++)
        {
            Active.Add(Sample.NewTin());
        }

        for (var i = 0; i < 3; i++)
        {
            Liquidated.Add(Sample.NewTin());
        }

        Register = await RegisterSandbox.StartAsync(new RegisterSandboxOptions
        {
            Latency = TimeSpan.FromMilliseconds(2),
            RateLimitPerSecond = 1000,
            Companies = Active.Select(t => Company(t, "ACTIVE")).Concat(Liquidated.Select(t => Company(t, "LIQUIDATED"))).ToList(),
        });
        Portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WaitForLatency = false, BucketBurst = 20, BucketDrainPerSecond = 50, RandomSeed = 11, RequestTimeout = TimeSpan.FromSeconds(6) });

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitrix24:WebhookUrl"] = Portal.WebhookUrl.ToString(),
            ["Bitrix24:ReadRetries"] = "1",
            ["Bitrix24:RequestTimeout"] = "00:00:05",
            ["Register:BaseUrl"] = Register.BaseUrl.ToString(),
            ["Register:ApiKey"] = Register.ApiKey,
            ["Register:RequestsPerSecond"] = "500",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.UseInMemoryReminderService();
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton(ReadModel);
            silo.Services.AddSingleton<Abstractions.ReadModel.IReadModelWriter>(ReadModel);
            silo.Services.AddBitrix24Client(configuration.GetSection("Bitrix24"));
            silo.Services.AddRegisterClient(configuration.GetSection("Register"));
            silo.Services.Configure<Bitrix24GatewayOptions>(o =>
            {
                o.BurstLimit = 20;
                o.DrainPerSecond = 50;
            });
            silo.Services.Configure<CompanySyncOptions>(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await Portal.DisposeAsync();
        await Register.DisposeAsync();
    }

    private static RegisterSandboxCompany Company(string tin, string status) => new()
    {
        Inn = tin,
        Kpp = tin[..4] + "01001",
        Ogrn = Ogrn(tin),
        FullName = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {tin}\"",
        ShortName = $"ООО \"КОМПАНИЯ {tin}\"",
        ShortWithOpf = $"ООО \"КОМПАНИЯ {tin}\"",
        FullWithOpf = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {tin}\"",
        OpfShort = "ООО",
        Status = status,
        Address = "г Москва",
    };

    private static string Ogrn(string tin)
    {
        var body = "102" + tin[..9];
        return body + (long.Parse(body, CultureInfo.InvariantCulture) % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }
}
