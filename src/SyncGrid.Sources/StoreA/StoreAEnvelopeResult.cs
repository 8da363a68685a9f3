using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Sources.StoreA;

/// <summary>An envelope read from the topic, or why it could not be read.</summary>
public sealed record StoreAEnvelopeResult
{
    private StoreAEnvelopeResult(StoreAEnvelope? envelope, string? code, string? message)
    {
        Envelope = envelope;
        Code = code;
        Message = message;
    }

    /// <summary>The envelope, when it was read.</summary>
    public StoreAEnvelope? Envelope { get; }

    /// <summary>The reason code (<see cref="StoreARejectCodes"/>) when it was not.</summary>
    public string? Code { get; }

    /// <summary>What was wrong, for a person.</summary>
    public string? Message { get; }

    /// <summary>Whether the envelope was read.</summary>
    [MemberNotNullWhen(true, nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Message))]
    public bool Success => Envelope is not null;

    /// <summary>A read envelope.</summary>
    public static StoreAEnvelopeResult Ok(StoreAEnvelope envelope) => new(envelope, null, null);

    /// <summary>A failure with its reason.</summary>
    public static StoreAEnvelopeResult Fail(string code, string message) => new(null, code, message);
}
