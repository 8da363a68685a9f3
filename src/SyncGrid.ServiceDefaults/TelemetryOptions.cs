namespace SyncGrid.ServiceDefaults;

/// <summary>
/// The <c>Telemetry</c> configuration section: which metrics a process collects and where they are exposed. The API
/// (<c>syncgrid api</c>, or a silo with <c>Api:Enabled</c>) always serves <c>/metrics</c>, <c>/health/live</c> and
/// <c>/health/ready</c> beside itself; <see cref="PrometheusUrl"/> adds a listener of its own, for a silo without the API.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>Whether metrics are collected and exported. Default true. Health checks run either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where this process serves <c>/metrics</c> (Prometheus text format), <c>/health/live</c> and <c>/health/ready</c> on
    /// a listener of its own, for example <c>http://0.0.0.0:9464</c> (port 0 picks a free port). Default: none; the API
    /// serves them when it runs. No token is asked: bind it to an internal interface.
    /// </summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>
    /// An OpenTelemetry collector to push metrics to over OTLP (gRPC on 4317, or HTTP/protobuf with
    /// <see cref="OtlpProtocol"/> <c>http</c> on 4318), for example <c>http://otel-collector:4317</c>. Default: none.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP protocol: <c>grpc</c> (default) or <c>http</c> (HTTP/protobuf).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP. Default 15 seconds.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>service.name</c> the metrics carry (Prometheus' <c>target_info</c>, OTLP's resource). Default <c>syncgrid</c>.</summary>
    public string ServiceName { get; set; } = "syncgrid";

    /// <summary>The longest one readiness check (cluster, MariaDB, Kafka) may take before it counts as failed. Default 5 seconds.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
