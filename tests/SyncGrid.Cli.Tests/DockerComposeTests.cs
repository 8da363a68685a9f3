using SyncGrid.Grains.Ingest;
using SyncGrid.Sources.Import;
using SyncGrid.Sources.StoreA;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SyncGrid.Cli.Tests;

/// <summary>
/// docker-compose.yml checked without Docker: it parses (merge keys resolved), every service and dependency the
/// installation needs is there, every SyncGrid service runs a command the CLI accepts, the topics it creates are the
/// ones the code reads, and no secret is written into the file.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly Dictionary<string, object> Compose = Load();

    [Fact]
    public void Compose_HasEveryServiceOfTheInstallation()
    {
        Assert.Superset(
            new HashSet<string> { "mariadb", "kafka", "kafka-topics", "migrate", "bitrix24-sandbox", "register-sandbox", "silo1", "silo2", "silo3", "api" },
            Services.Keys.ToHashSet());
    }

    [Fact]
    public void Compose_EveryDependencyExists()
    {
        foreach (var (name, service) in Services)
        {
            if (service.TryGetValue("depends_on", out var dependsOn))
            {
                foreach (var dependency in ((Dictionary<object, object>)dependsOn).Keys.Cast<string>())
                {
                    Assert.True(Services.ContainsKey(dependency), $"{name} depends on the unknown service {dependency}");
                }
            }
        }
    }

    [Fact]
    public void Compose_SyncGridServicesRunCommandsTheCliAccepts()
    {
        var syncgrid = Services.Where(s => s.Value.TryGetValue("image", out var image) && (string)image == "syncgrid:local").ToList();
        Assert.Equal(7, syncgrid.Count);
        foreach (var (name, service) in syncgrid)
        {
            var command = ((List<object>)service["command"]).Cast<string>().ToArray();
            var parsed = SyncGridCli.Build().Parse(command);
            Assert.True(parsed.Errors.Count == 0, $"{name}: `syncgrid {string.Join(' ', command)}`: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }

        Assert.Equal(["run", "--no-api"], ((List<object>)Services["silo2"]["command"]).Cast<string>());
    }

    [Fact]
    public void Compose_CreatesTheTopicsTheSilosRead()
    {
        var script = string.Join('\n', ((List<object>)Services["kafka-topics"]["command"]).Cast<string>());
        foreach (var topic in new[] { StoreBStreams.Namespace, StoreAOptions.DefaultTopic, StoreBImportRequest.DefaultTopic })
        {
            Assert.Contains(topic, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compose_SilosGetEveryRequiredSettingAndSecretsOnlyFromTheEnvironment()
    {
        var environment = ((Dictionary<object, object>)Services["silo1"]["environment"]).ToDictionary(e => (string)e.Key, e => (string)e.Value);
        foreach (var key in new[] { "ConnectionStrings__MariaDb", "Kafka__BootstrapServers", "Bitrix24__WebhookUrl", "Register__BaseUrl", "Register__ApiKey", "Api__Token", "Grid__AdvertisedAddress" })
        {
            Assert.True(environment.ContainsKey(key), $"silo1 lacks {key}");
        }

        Assert.Equal("silo1", environment["Grid__AdvertisedAddress"]);
        Assert.Equal("http://0.0.0.0:9464", environment["Telemetry__PrometheusUrl"]);
        Assert.Contains("${SYNCGRID_MARIADB_PASSWORD:?", environment["ConnectionStrings__MariaDb"], StringComparison.Ordinal);
        Assert.StartsWith("${SYNCGRID_API_TOKEN:?", environment["Api__Token"], StringComparison.Ordinal);
        Assert.StartsWith("${SYNCGRID_REGISTER_API_KEY:?", environment["Register__ApiKey"], StringComparison.Ordinal);
    }

    private static Dictionary<string, Dictionary<object, object>> Services =>
        ((Dictionary<object, object>)Compose["services"]).ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);

    private static Dictionary<string, object> Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var reader = new StreamReader(Path.Combine(directory.FullName, "docker-compose.yml"));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
    }
}
