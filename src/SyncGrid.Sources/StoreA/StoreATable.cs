namespace SyncGrid.Sources.StoreA;

/// <summary>The two tables of store A, in the order they are extracted (a contact is routed by its company).</summary>
public enum StoreATable
{
    /// <summary>The <c>companies</c> table.</summary>
    Companies,

    /// <summary>The <c>contacts</c> table.</summary>
    Contacts,
}
