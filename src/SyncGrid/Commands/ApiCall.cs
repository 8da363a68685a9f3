using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;
using SyncGrid.Api;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// One CLI invocation's conversation with the HTTP API. Exit codes: 0 success; 1 the API refused the request or failed
/// (400, 401, 409, 5xx; its problem detail is printed); 2 not found (404: an unknown company); 3 the API could not be
/// reached or did not answer in time.
/// </summary>
internal sealed class ApiCall(string baseUrl, string? token, bool json, TextWriter output, TextWriter error)
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int NotFound = 2;
    public const int Unreachable = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether the answer is printed as raw JSON.</summary>
    public bool Json => json;

    public TextWriter Output => output;

    /// <summary>A console for tables: the detected width on a terminal, 200 columns otherwise (so captured output does not wrap).</summary>
    public IAnsiConsole Console()
    {
        var console = CliOutput.Console(output);
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>
    /// Sends the request; on success returns the parsed body (after printing it raw when <c>--json</c>), otherwise prints
    /// the problem and returns <see langword="null"/>; either way with the exit code.
    /// </summary>
    public async Task<(T? Body, int ExitCode)> SendAsync<T>(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
        where T : class
    {
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"error: --api-url '{baseUrl}' is not an http(s) address.");
            return (null, Refused);
        }

        using var http = new HttpClient { BaseAddress = root, Timeout = Timeout };
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"error: the SyncGrid API at {root} could not be reached: {ex.Message} (set --api-url or ${ApiClientOptions.UrlVariable}; start it with 'syncgrid api').");
            return (null, Unreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: the SyncGrid API at {root} did not answer within {Timeout.TotalMinutes:0} minutes.");
            return (null, Unreachable);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(body);
            }

            if (response.IsSuccessStatusCode)
            {
                return (JsonSerializer.Deserialize<T>(body, SyncGridApiJson.Options), Ok);
            }

            await error.WriteLineAsync(Describe(response.StatusCode, body));
            return (null, response.StatusCode == HttpStatusCode.NotFound ? NotFound : Refused);
        }
    }

    private static string Describe(HttpStatusCode status, string body)
    {
        var code = (int)status;
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var problemCode = root.TryGetProperty(ApiProblems.CodeExtension, out var c) ? c.GetString() : null;
            return $"error {code}: {title}{(detail is null ? string.Empty : ": " + detail)}{(problemCode is null ? string.Empty : $" [{problemCode}]")}";
        }
        catch (JsonException)
        {
            return $"error {code}: {(string.IsNullOrWhiteSpace(body) ? status.ToString() : body.Trim())}";
        }
    }
}
