using System.CommandLine;

namespace SyncGrid.Cli.Commands;

/// <summary>The options every command that talks to the HTTP API shares: where it is, the token, and JSON output.</summary>
internal sealed class ApiClientOptions
{
    /// <summary>The environment variable read when <c>--api-url</c> is absent.</summary>
    public const string UrlVariable = "SYNCGRID_API_URL";

    /// <summary>The environment variable read when <c>--token</c> is absent.</summary>
    public const string TokenVariable = "SYNCGRID_API_TOKEN";

    /// <summary>Where the API is when neither the option nor the variable says.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public Option<string?> Url { get; } = new("--api-url") { Description = $"The API's base address. Default: ${UrlVariable}, else {DefaultUrl}." };

    public Option<string?> Token { get; } = new("--token") { Description = $"The API's bearer token (Api:Token of the server). Default: ${TokenVariable}." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON answer as it is, for scripts." };

    /// <summary>Adds the shared options to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Add(Url);
        command.Add(Token);
        command.Add(Json);
        return command;
    }

    /// <summary>A client for the API named by the parsed options (or their environment variables).</summary>
    public ApiCall Client(ParseResult parse)
    {
        var url = parse.GetValue(Url) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultUrl;
        var token = parse.GetValue(Token) is { Length: > 0 } t ? t : Environment.GetEnvironmentVariable(TokenVariable);
        return new ApiCall(url, token, parse.GetValue(Json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }
}
