using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// Keeps the warnings and errors the silos of one run log (the silo configurator finds the run by its
/// <c>Chaos:Run</c> setting), so a test can print what went wrong, counted by category and event.
/// </summary>
public sealed class SiloLogCapture : ILoggerProvider
{
    private static readonly ConcurrentDictionary<string, SiloLogCapture> Runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>The capture of a run, created on first use.</summary>
    public static SiloLogCapture For(string run) => Runs.GetOrAdd(run, _ => new SiloLogCapture());

    /// <summary>Forgets a run's capture.</summary>
    public static void Release(string run) => Runs.TryRemove(run, out _);

    /// <summary>Warnings and errors by level, category and event id, most frequent first, each with its latest message.</summary>
    public IReadOnlyList<string> Summary(int top = 15) =>
    [
        .. _entries.GroupBy(e => (e.Level, e.Category, e.EventId))
            .OrderByDescending(g => g.Count())
            .Take(top)
            .Select(g => $"{g.Count(),5}× {g.Key.Level} {g.Key.Category}[{g.Key.EventId}]: {Shorten(g.Last().Message)}"),
    ];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
        // The entries stay readable until the run is released.
    }

    private static string Shorten(string message) => message.Length <= 500 ? message : message[..500] + "…";

    private sealed record Entry(LogLevel Level, string Category, int EventId, string Message);

    private sealed class Logger(SiloLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The exceptions first (outermost to innermost): Orleans' own messages are long.
            var causes = new List<string>();
            for (var e = exception; e is not null; e = e.InnerException)
            {
                causes.Add($"[{e.GetType().Name}: {e.Message}]");
            }

            var message = string.Join(" ", causes.Append(formatter(state, exception)));

            owner._entries.Enqueue(new Entry(logLevel, category, eventId.Id, message));
        }
    }
}
