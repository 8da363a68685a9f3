namespace SyncGrid.Domain.Records;

/// <summary>Organisation or individual entrepreneur: decides the Bitrix24 requisite preset.</summary>
[GenerateSerializer, Alias("SyncGrid.CompanyCategory")]
public enum CompanyCategory
{
    /// <summary>A legal entity (10-digit TIN, OGRN, KPP).</summary>
    Organization = 1,

    /// <summary>An individual entrepreneur (12-digit TIN, OGRNIP, no KPP).</summary>
    IndividualEntrepreneur = 2,
}
