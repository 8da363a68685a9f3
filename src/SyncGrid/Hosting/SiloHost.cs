using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

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

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        return builder.Build();
    }
}
