namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>One side of the contact–company relation, so each binding method is written once for both directions.</summary>
internal sealed class BindingSide
{
    public static readonly BindingSide FromCompany = new(true);

    public static readonly BindingSide FromContact = new(false);

    private readonly bool _company;

    private BindingSide(bool company) => _company = company;

    public EntitySchema Owner => _company ? EntitySchema.Company : EntitySchema.Contact;

    public EntitySchema Other => _company ? EntitySchema.Contact : EntitySchema.Company;

    public string OtherKey => _company ? "CONTACT_ID" : "COMPANY_ID";

    public BindingSide Mirror => _company ? FromContact : FromCompany;

    /// <summary>The owner's bindings, from the index of its side.</summary>
    public IReadOnlyList<CrmBinding> Owned(CrmBindings all, int ownerId) => _company ? all.OfCompany(ownerId) : all.OfContact(ownerId);

    /// <summary>The binding of the owner and the other entity, if they are bound.</summary>
    public CrmBinding? Find(CrmBindings all, int ownerId, int otherId) => _company ? all.Find(ownerId, otherId) : all.Find(otherId, ownerId);

    public int OwnerOf(CrmBinding b) => _company ? b.CompanyId : b.ContactId;

    public int OtherOf(CrmBinding b) => _company ? b.ContactId : b.CompanyId;

    public int SortOf(CrmBinding b) => _company ? b.CompanySideSort : b.ContactSideSort;

    public bool PrimaryOf(CrmBinding b) => _company ? b.CompanySidePrimary : b.ContactSidePrimary;

    public CrmBinding Create(int owner, int other) =>
        _company ? new CrmBinding { CompanyId = owner, ContactId = other } : new CrmBinding { CompanyId = other, ContactId = owner };

    public void SetSort(CrmBinding b, int sort)
    {
        if (_company)
        {
            b.CompanySideSort = sort;
        }
        else
        {
            b.ContactSideSort = sort;
        }
    }

    public void SetPrimary(CrmBinding b, bool primary)
    {
        if (_company)
        {
            b.CompanySidePrimary = primary;
        }
        else
        {
            b.ContactSidePrimary = primary;
        }
    }
}
