namespace SyncGrid.Abstractions;

/// <summary>What a dry run found for one company.</summary>
[GenerateSerializer, Alias("SyncGrid.CompanyPlanOutcome")]
public enum CompanyPlanOutcome
{
    /// <summary>Bitrix24 holds what the company should look like (as far as the grain knows): nothing to write.</summary>
    UpToDate = 0,

    /// <summary>A sync would make the planned writes (perhaps only once the register reports the company active; see the reason).</summary>
    Writes = 1,

    /// <summary>Nothing will be written: the company is rejected, inactive, withdrawn or unknown (see the reason).</summary>
    Blocked = 2,
}
