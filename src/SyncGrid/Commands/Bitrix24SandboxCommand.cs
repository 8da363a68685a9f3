using System.CommandLine;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid sandbox bitrix24 [--port N] [--plan standard|enterprise] [--state file.json]</c>: a faithful Bitrix24 portal on loopback until Ctrl+C.</summary>
internal static class Bitrix24SandboxCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port") { Description = "Loopback port; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var plan = new Option<string>("--plan") { Description = "Leaky-bucket preset: standard (50, 2/s) or enterprise (250, 5/s).", DefaultValueFactory = _ => "standard" };
        plan.AcceptOnlyFromAmong("standard", "enterprise");
        var state = new Option<string?>("--state") { Description = "State file: loaded at start when it exists, written at exit." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 in a container).", DefaultValueFactory = _ => "127.0.0.1" };
        var host = new Option<string>("--advertised-host") { Description = "Host name put in the printed webhook URL.", DefaultValueFactory = _ => "127.0.0.1" };
        var webhookCode = new Option<string?>("--webhook-code") { Description = "The inbound webhook's secret code; default: environment SYNCGRID_SANDBOX_WEBHOOK_CODE, else random per start." };
        var command = new Command("bitrix24", "Run a faithful Bitrix24 portal (inbound webhook REST, limits, batch, CRM entities, fault knobs at /_sandbox/).") { port, plan, state, bind, host, webhookCode };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var stateFile = parse.GetValue(state);
            var options = new Bitrix24SandboxOptions
            {
                Port = parse.GetValue(port),
                Plan = parse.GetValue(plan) == "enterprise" ? Bitrix24Plan.Enterprise : Bitrix24Plan.Standard,
                StateFile = stateFile,
                BindAddress = System.Net.IPAddress.Parse(parse.GetValue(bind)!),
                AdvertisedHost = parse.GetValue(host)!,
                WebhookCode = parse.GetValue(webhookCode) ?? (Environment.GetEnvironmentVariable("SYNCGRID_SANDBOX_WEBHOOK_CODE") is { Length: > 0 } code ? code : null),
            };
            await using var sandbox = await Bitrix24Sandbox.StartAsync(options, cancellationToken);
            await output.WriteLineAsync($"Bitrix24 sandbox inbound webhook: {sandbox.WebhookUrl}");
            await output.WriteLineAsync($"Admin (knobs, inspection): {sandbox.BaseUrl}_sandbox/inspect  — Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: fall through to save the state.
            }

            if (stateFile is not null)
            {
                await sandbox.SaveStateAsync(stateFile, CancellationToken.None);
                await output.WriteLineAsync($"State saved to {stateFile}");
            }

            return 0;
        });
        return command;
    }
}
