using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncGrid.Storage.Schema;

namespace SyncGrid.Cli.Hosting;

/// <summary>Builds the generic host of a silo from standard .NET configuration.</summary>
public static class SiloHost
{
    /// <summary>
    /// Builds a silo host. Configuration sources, later ones winning: appsettings.json (and appsettings.{Environment}.json)
    /// in the working directory, the <paramref name="configFile"/>, environment variables, then <paramref name="overrides"/>.
    /// </summary>
    public static IHost Build(FileInfo? configFile, string[]? args = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = CreateBuilder(configFile, args, overrides);
        ObservabilityHosting.AddToSilo(builder);
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        ApiHosting.AddToSiloIfEnabled(builder);
        return builder.Build();
    }

    /// <summary>
    /// The host builder every SyncGrid host starts from, with its configuration sources in order: appsettings.json (and
    /// appsettings.{Environment}.json) in the working directory, the <paramref name="configFile"/>, environment
    /// variables, then <paramref name="overrides"/>.
    /// </summary>
    internal static HostApplicationBuilder CreateBuilder(FileInfo? configFile, string[]? args, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args ?? [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new FileNotFoundException($"The configuration file {configFile.FullName} given with --config does not exist.", configFile.FullName);
            }

            builder.Configuration.AddJsonFile(configFile.FullName, optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        return builder;
    }

    /// <summary>
    /// Applies the schema before the silo starts when it runs on MariaDB and <c>Grid:MigrateOnStart</c> is true (the
    /// default), so a fresh database needs no separate step; several silos starting at once take turns.
    /// </summary>
    public static async Task MigrateIfConfiguredAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (SiloConfiguration.MariaDbConnectionString(configuration) is { } connectionString && SiloConfiguration.ReadOptions(configuration).MigrateOnStart)
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaMigrator));
            await SchemaMigrator.MigrateAsync(connectionString, logger, cancellationToken);
        }
    }
}
