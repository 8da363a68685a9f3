namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>A method-level or system-level REST error, carried to the envelope writer.</summary>
internal sealed class Bitrix24RestException : Exception
{
    public Bitrix24RestException()
    {
    }

    public Bitrix24RestException(string message)
        : base(message)
    {
    }

    public Bitrix24RestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Bitrix24RestException(int status, string code, string description)
        : base(description)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; } = 400;

    public string Code { get; } = string.Empty;

    /// <summary>A classic CRM error: HTTP 400 with an empty code.</summary>
    public static Bitrix24RestException Crm(string description) => new(400, string.Empty, description);
}
