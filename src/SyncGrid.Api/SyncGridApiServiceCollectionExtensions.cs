using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SyncGrid.Api;
using SyncGrid.Api.Hosting;
using SyncGrid.Api.Progress;
using SyncGrid.Api.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SyncGrid's HTTP API.</summary>
public static class SyncGridApiServiceCollectionExtensions
{
    /// <summary>
    /// The services <c>MapSyncGridApi</c> needs in a web application: validated <see cref="SyncGridApiOptions"/>, bearer
    /// authentication, problem details, the API's JSON conventions, OpenAPI and the source progress aggregator. The host
    /// provides <see cref="IGrainFactory"/>, <c>IReadModelQueries</c>, <c>IRejectStore</c> and any number of
    /// <c>ISourceProgressProvider</c>s.
    /// </summary>
    public static IServiceCollection AddSyncGridApi(this IServiceCollection services, Action<SyncGridApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SyncGridApiOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncGridApiOptions>, SyncGridApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SourceProgressAggregator>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => SyncGridApiJson.Configure(o.SerializerOptions));
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder().SetFallbackPolicy(null).SetDefaultPolicy(new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build());
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SyncGrid API",
                    Version = "v1",
                    Description = "Per-company sync state, company listing, rejects, source progress, Bitrix24 gateway metrics, re-sync and the Bitrix24 dry run. " +
                        "Every /api/v1 call needs 'Authorization: Bearer <Api:Token>'. Errors are RFC 9457 problem details with a stable 'code'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerTokenHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token configured in Api:Token.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerTokenHandler.SchemeName, context.Document)] = [] }];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Runs the API beside whatever this host is (a silo, an Orleans client, the demo): binds <c>Api</c> from
    /// <paramref name="configuration"/> (the portal defaults to <c>Sync:Portal</c>), validates it at start-up (a missing
    /// <c>Api:Token</c> stops the host with a message naming it), and adds a hosted service that serves the API on
    /// <c>Api:Urls</c> with the grain factory, read model, rejects store and source progress providers of this host.
    /// Register it after <c>UseOrleans</c>/<c>UseOrleansClient</c>, so that it starts once the cluster is reachable.
    /// </summary>
    public static IServiceCollection AddSyncGridApiHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyncGridApiOptions>()
            .Configure(o =>
            {
                if (configuration["Sync:Portal"] is { Length: > 0 } portal)
                {
                    o.Portal = portal;
                }
            })
            .Bind(configuration.GetSection(SyncGridApiOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncGridApiOptions>, SyncGridApiOptionsValidator>());
        services.AddHostedService<SyncGridApiHostedService>();
        return services;
    }
}
