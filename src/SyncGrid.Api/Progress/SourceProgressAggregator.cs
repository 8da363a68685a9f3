using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions.Progress;

namespace SyncGrid.Api.Progress;

/// <summary>
/// Asks every registered <see cref="ISourceProgressProvider"/> at once and lists their rows by source name. A provider
/// that throws or takes longer than <see cref="ProviderTimeout"/> is reported as a row with the error, so one broken
/// source never hides the others.
/// </summary>
public sealed partial class SourceProgressAggregator(IEnumerable<ISourceProgressProvider> providers, TimeProvider time, ILogger<SourceProgressAggregator> logger)
{
    /// <summary>How long one provider may take.</summary>
    public static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(10);

    private readonly ISourceProgressProvider[] _providers = [.. providers];

    /// <summary>The rows of every provider, ordered by source name.</summary>
    public async Task<IReadOnlyList<SourceProgress>> GetProgressAsync(CancellationToken cancellationToken = default)
    {
        var all = await Task.WhenAll(_providers.Select(p => AskAsync(p, cancellationToken)));
        return [.. all.SelectMany(rows => rows).OrderBy(r => r.Source, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<SourceProgress>> AskAsync(ISourceProgressProvider provider, CancellationToken cancellationToken)
    {
        var name = provider.GetType().Name;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProviderTimeout);
        try
        {
            return await provider.GetProgressAsync(timeout.Token).WaitAsync(ProviderTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(logger, name, "timed out");
            return [Failed(name, $"The provider did not answer within {ProviderTimeout.TotalSeconds:0} s.")];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A provider should report a broken source as a row; one that throws is shown the same way, named.
            LogFailed(logger, name, ex.GetType().Name);
            return [Failed(name, $"The provider failed: {ex.Message}")];
        }
    }

    private SourceProgress Failed(string provider, string error) => new($"provider:{provider}", "unknown", null, null, null, null, "records", error, time.GetUtcNow());

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Source progress provider {Provider} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string provider, string reason);
}
