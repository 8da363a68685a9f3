using System.CommandLine;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid sandbox register</c>: the state-register sandbox on loopback until Ctrl+C.</summary>
internal static class RegisterSandboxCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port") { Description = "Loopback port; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var file = new Option<string?>("--file") { Description = "Register file to serve (docs/register-sandbox.md); default: the built-in register." };
        var latency = new Option<int>("--latency-ms") { Description = "Latency of every answer.", DefaultValueFactory = _ => 400 };
        var rate = new Option<int>("--rate") { Description = "Requests per second before 429.", DefaultValueFactory = _ => 30 };
        var quota = new Option<long>("--quota") { Description = "Answers per key per day before 403.", DefaultValueFactory = _ => 10_000 };
        var errorRate = new Option<double>("--error-rate") { Description = "Share of requests answered with a 5xx.", DefaultValueFactory = _ => 0 };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key; default: environment SYNCGRID_SANDBOX_API_KEY, else random per start." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 in a container).", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("register", "The state register (DaData-compatible find party by id): token auth, rate limit, daily quota, latency and faults.")
        {
            port, file, latency, rate, quota, errorRate, apiKey, bind,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var sandbox = await RegisterSandbox.StartAsync(
                new RegisterSandboxOptions
                {
                    Port = parse.GetValue(port),
                    RegisterFile = parse.GetValue(file),
                    Latency = TimeSpan.FromMilliseconds(parse.GetValue(latency)),
                    RateLimitPerSecond = parse.GetValue(rate),
                    DailyQuota = parse.GetValue(quota),
                    ErrorRate = parse.GetValue(errorRate),
                    ApiKey = parse.GetValue(apiKey) ?? (Environment.GetEnvironmentVariable("SYNCGRID_SANDBOX_API_KEY") is { Length: > 0 } key ? key : null),
                    BindAddress = System.Net.IPAddress.Parse(parse.GetValue(bind)!),
                },
                cancellationToken);
            await output.WriteLineAsync($"Register sandbox: {sandbox.Companies.Count} register units");
            await output.WriteLineAsync($"Register__BaseUrl={sandbox.BaseUrl}");
            await output.WriteLineAsync($"Register__ApiKey={sandbox.ApiKey}");
            await output.WriteLineAsync($"Inspect: GET {sandbox.BaseUrl}{RegisterSandbox.StatsPath}. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the sandbox.
            }

            return 0;
        });
        return command;
    }
}
