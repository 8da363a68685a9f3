using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;
using SyncGrid.Domain.Register;
using SyncGrid.Register;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the register client behind <see cref="IRegisterClient"/>.</summary>
public static class RegisterServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="RegisterOptions"/> from <paramref name="section"/> (on start), and registers
    /// <see cref="IRegisterClient"/> as a typed HttpClient whose pipeline is: retries with exponential backoff and
    /// jitter (429, 5xx, timeouts only) → the shared pacer → a per-attempt timeout → the stop gate → pooled connections.
    /// Also registers <see cref="RegisterHealth"/> (reset when the configuration changes) and <see cref="RegisterMetrics"/>.
    /// </summary>
    public static IServiceCollection AddRegisterClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<RegisterOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegisterOptions>, RegisterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RegisterMetrics>();
        services.TryAddSingleton<RegisterPacer>();
        services.TryAddSingleton(sp =>
        {
            var health = new RegisterHealth(sp.GetRequiredService<TimeProvider>());
            sp.GetRequiredService<IOptionsMonitor<RegisterOptions>>().OnChange(_ => health.Reset());
            return health;
        });

        var client = services.AddHttpClient<IRegisterClient, RegisterClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<RegisterOptions>>().CurrentValue;
                http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
                http.DefaultRequestHeaders.Authorization = new("Token", options.ApiKey);
                http.DefaultRequestHeaders.Accept.Add(new("application/json"));
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Few, long-lived connections: the register allows 60 new connections per minute per address.
                MaxConnectionsPerServer = 32,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            })
            .SetHandlerLifetime(TimeSpan.FromMinutes(10));
        client.AddResilienceHandler("register", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<RegisterOptions>>().Value;
                var pacer = context.ServiceProvider.GetRequiredService<RegisterPacer>();
                if (options.MaxRetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetryAttempts,
                        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryBaseDelay,
                        MaxDelay = TimeSpan.FromSeconds(30),
                    });
                }

                pipeline
                    .AddRateLimiter(new RateLimiterStrategyOptions
                    {
                        RateLimiter = args => pacer.Limiter.AcquireAsync(1, args.Context.CancellationToken),
                    })
                    .AddTimeout(options.Timeout);
            });
        client.AddHttpMessageHandler(sp => new RegisterStopGate(sp.GetRequiredService<RegisterHealth>()));
        return services;
    }

    /// <summary>Only throttling, outages and timeouts are retried; 4xx answers never are.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
