using Microsoft.Extensions.Options;

namespace SyncGrid.ServiceDefaults;

/// <summary>Validates <see cref="TelemetryOptions"/>; every failure names its setting.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PrometheusUrl is { Length: > 0 } url)
        {
            foreach (var one in url.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IsHttpUrl(one.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal), requirePort: true))
                {
                    errors.Add($"{TelemetryOptions.Section}:PrometheusUrl '{one}' is not an http:// or https:// address with a port, for example http://0.0.0.0:9464.");
                }
            }
        }

        if (options.OtlpEndpoint is { Length: > 0 } endpoint && !IsHttpUrl(endpoint, requirePort: false))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpEndpoint '{endpoint}' is not an http:// or https:// address, for example http://otel-collector:4317.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http"))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpProtocol must be 'grpc' or 'http', not '{options.OtlpProtocol}'.");
        }

        if (options.OtlpExportInterval < TimeSpan.FromSeconds(1) || options.OtlpExportInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpExportInterval must lie between 00:00:01 and 01:00:00.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        }

        if (options.HealthCheckTimeout < TimeSpan.FromMilliseconds(100) || options.HealthCheckTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{TelemetryOptions.Section}:HealthCheckTimeout must lie between 00:00:00.1 and 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string value, bool requirePort) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (!requirePort || value.LastIndexOf(':') > value.IndexOf("://", StringComparison.Ordinal));
}
