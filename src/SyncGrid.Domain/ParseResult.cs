using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain;

/// <summary>
/// The outcome of parsing one raw value: either the clean value or the <see cref="Problem"/> that says why there is none.
/// Parsing never throws for bad input.
/// </summary>
public readonly struct ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, Problem? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>Why parsing failed; <see langword="null"/> on success.</summary>
    public Problem? Problem { get; }

    /// <summary>Whether a clean value was produced.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Success => Problem is null;

    /// <summary>The clean value. Throws when parsing failed: check <see cref="Success"/> first.</summary>
    public T Value => Problem is null
        ? _value!
        : throw new InvalidOperationException($"No value: {Problem}");

    /// <summary>The clean value, or <paramref name="fallback"/> when parsing failed.</summary>
    public T? GetValueOrDefault(T? fallback = default) => Problem is null ? _value : fallback;

    public static implicit operator ParseResult<T>(T value) => new(value, null);

    public static implicit operator ParseResult<T>(Problem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));

    /// <inheritdoc />
    public override string ToString() => Success ? $"{_value}" : Problem.ToString();
}
