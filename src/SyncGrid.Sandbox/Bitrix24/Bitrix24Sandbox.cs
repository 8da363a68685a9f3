using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// A faithful Bitrix24 cloud portal on a loopback port: the inbound-webhook REST endpoint (<c>/rest/{user}/{code}/{method}</c>)
/// with the real envelopes, limits, batch and CRM semantics, plus an admin endpoint under <c>/_sandbox/</c> for knobs and inspection.
/// </summary>
public sealed partial class Bitrix24Sandbox : IAsyncDisposable
{
    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly Bitrix24Portal _portal;
    private readonly ILogger _logger;

    private Bitrix24Sandbox(WebApplication app, Bitrix24Portal portal, ILogger logger)
    {
        _app = app;
        _portal = portal;
        _logger = logger;
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The inbound webhook URL to give a client: <c>http://127.0.0.1:{port}/rest/{user}/{code}/</c>.</summary>
    public Uri WebhookUrl { get; private set; } = null!;

    public int Port { get; private set; }

    /// <summary>Runtime fault-injection knobs.</summary>
    public Bitrix24Faults Faults => _portal.Faults;

    /// <summary>Starts a portal bound to 127.0.0.1 and returns once it accepts connections.</summary>
    public static async Task<Bitrix24Sandbox> StartAsync(Bitrix24SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.LoggerFactory?.CreateLogger<Bitrix24Sandbox>() ?? (ILogger)NullLogger.Instance;
        var code = options.WebhookCode ?? RandomCode();
        PortalState? state = null;
        if (options.StateFile is { } file && File.Exists(file))
        {
            await using var stream = File.OpenRead(file);
            state = await JsonSerializer.DeserializeAsync<PortalState>(stream, StateJson, cancellationToken).ConfigureAwait(false);
            var loaded = state?.Tables.Sum(t => t.Value.Count) ?? 0;
            Bitrix24SandboxLog.Loaded(logger, file, loaded);
        }

        var portal = new Bitrix24Portal(options, code, state, logger);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(Bitrix24Sandbox).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.BindAddress, options.Port));
        builder.Services.AddRouting();
        var app = builder.Build();
        var sandbox = new Bitrix24Sandbox(app, portal, logger);
        app.Map("/rest/{**path}", sandbox.HandleRestAsync);
        sandbox.MapAdmin(app);
        sandbox.MapEventsAdmin(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.Port = new Uri(address).Port;
        sandbox.BaseUrl = new Uri($"http://{options.AdvertisedHost}:{sandbox.Port}/");
        sandbox.WebhookUrl = new Uri(sandbox.BaseUrl, $"rest/{options.WebhookUserId}/{code}/");
        Bitrix24SandboxLog.Started(logger, sandbox.Port, options.EffectiveBurst, options.EffectiveDrain);
        return sandbox;
    }

    /// <summary>Writes every entity, binding and notification to a JSON file that <see cref="Bitrix24SandboxOptions.StateFile"/> can load.</summary>
    public async Task SaveStateAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = ExportJson();
        await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
        var saved = _portal.Store.State.Tables.Sum(t => t.Value.Count);
        Bitrix24SandboxLog.Saved(_logger, path, saved);
    }

    /// <summary>All stored entities as JSON (the state-file format).</summary>
    public string ExportJson()
    {
        lock (_portal.Store.Gate)
        {
            return JsonSerializer.Serialize(_portal.Store.State, StateJson);
        }
    }

    /// <summary>Forgets every entity, counter and knob; presets are seeded again.</summary>
    public void Reset()
    {
        lock (_portal.Store.Gate)
        {
            _portal.Store.Replace(new PortalState());
        }

        _portal.Faults.Reset();
        _portal.Events.Reset();
        _portal.ResetStatistics();
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.Events.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string RandomCode()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var (userId, code, method) = ParsePath(context.Request.Path.Value ?? string.Empty);
        var parameters = await ReadParametersAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded) && TrustForwardedFor)
        {
            client = forwarded.ToString().Split(',')[0].Trim();
        }

        var reply = await _portal.HandleAsync(userId, code, method, parameters, client, context.RequestAborted).ConfigureAwait(false);
        await WriteReplyAsync(context, reply).ConfigureAwait(false);
    }

    private bool TrustForwardedFor => _portal.Options.TrustForwardedFor;

    /// <summary><c>/rest/{user}/{code}/{method}[.json][/]</c> or <c>/rest/{method}</c> (no credentials).</summary>
    private static (string? UserId, string? Code, string? Method) ParsePath(string path)
    {
        var segments = path.Trim('/').Split('/');
        static string? Method(string raw)
        {
            var name = raw.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? raw[..^5] : raw;
            return name.Length == 0 ? null : name;
        }

        return segments.Length switch
        {
            4 => (segments[1], segments[2], Method(segments[3])),
            2 => (null, null, Method(segments[1])),
            _ => (null, null, null),
        };
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = PhpQuery.Parse(request.QueryString.Value);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return parameters;
        }

        var contentType = request.ContentType ?? string.Empty;
        JsonObject? body = null;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = PhpQuery.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            body = [];
            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    PhpQuery.Add(body, key, value ?? string.Empty);
                }
            }
        }

        foreach (var (key, value) in body?.ToList() ?? [])
        {
            body!.Remove(key);
            parameters[key] = value;
        }

        return parameters;
    }

    private async Task WriteReplyAsync(HttpContext context, RestReply reply)
    {
        if (reply.Drop)
        {
            context.Abort();
            return;
        }

        if (reply.HoldFor > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.HoldFor, _portal.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Html is not null)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(reply.Html, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Json?.ToJsonString(WireJson) ?? "null", context.RequestAborted).ConfigureAwait(false);
    }
}
