using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Api.Cluster;

namespace SyncGrid.Api.Hosting;

/// <summary>
/// Builds the API's own web application (Kestrel on <see cref="SyncGridApiOptions.Urls"/>) over the services of the
/// host it runs beside: a silo's, an Orleans client's, or a test's. Its configuration is only the options it is given;
/// it logs through the host's logger factory and never installs its own Ctrl+C handling (the host owns its lifetime).
/// </summary>
public static class SyncGridApiServer
{
    /// <summary>
    /// Builds the web application. From <paramref name="host"/> it takes <see cref="IGrainFactory"/> (required), the read
    /// model and rejects store (when the host has none, both are reached through the cluster with
    /// <c>IGridQueryGrain</c>), every <see cref="ISourceProgressProvider"/>, the <see cref="TimeProvider"/> and the logger factory;
    /// and, when the host has them, its meter provider and health checks, served at <c>/metrics</c>, <c>/health/live</c>
    /// and <c>/health/ready</c> without a token.
    /// </summary>
    public static WebApplication Build(SyncGridApiOptions options, IServiceProvider host)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SyncGridApiServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only the options given: nothing from the working directory's appsettings.json or ASPNETCORE_* variables.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(host.GetRequiredService<ILoggerFactory>());
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        var grains = host.GetRequiredService<IGrainFactory>();
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton(host.GetService<IReadModelQueries>() ?? new ClusterReadModelQueries(grains));
        builder.Services.AddSingleton(host.GetService<IRejectStore>() ?? new ClusterRejectStore(grains));
        builder.Services.AddSingleton(host.GetService<SyncGrid.Abstractions.Orders.IOrderLog>() ?? new ClusterOrderLog(grains));
        builder.Services.AddSingleton(host.GetService<TimeProvider>() ?? TimeProvider.System);
        foreach (var provider in host.GetServices<ISourceProgressProvider>())
        {
            builder.Services.AddSingleton(provider);
        }

        builder.Services.AddSyncGridApi(o =>
        {
            o.Enabled = options.Enabled;
            o.Token = options.Token;
            o.Urls = options.Urls;
            o.Portal = options.Portal;
            o.MaxPlanCompanies = options.MaxPlanCompanies;
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSyncGridApi();
        app.MapSyncGridTelemetry(host);
        return app;
    }

    /// <summary>The host the API runs beside owns the process lifetime: no console handling here.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
