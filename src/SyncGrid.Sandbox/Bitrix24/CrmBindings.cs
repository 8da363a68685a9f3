using System.Collections;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// The contact–company relation, indexed from both sides: a portal with hundreds of thousands of bindings answers
/// a contact's or a company's bindings without scanning them all, as the real portal's indexed table does. Serialised
/// to the state file as a plain array (System.Text.Json fills it through <see cref="Add"/>); the order of that array
/// means nothing, since each side's order is in its sort field.
/// </summary>
internal sealed class CrmBindings : ICollection<CrmBinding>
{
    private readonly Dictionary<(int CompanyId, int ContactId), CrmBinding> _all = [];
    private readonly Dictionary<int, List<CrmBinding>> _byCompany = [];
    private readonly Dictionary<int, List<CrmBinding>> _byContact = [];

    /// <inheritdoc />
    public int Count => _all.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <summary>The company's bindings, in no particular order.</summary>
    public IReadOnlyList<CrmBinding> OfCompany(int companyId) => _byCompany.TryGetValue(companyId, out var list) ? list : [];

    /// <summary>The contact's bindings, in no particular order.</summary>
    public IReadOnlyList<CrmBinding> OfContact(int contactId) => _byContact.TryGetValue(contactId, out var list) ? list : [];

    /// <summary>The binding of this company and contact, if they are bound.</summary>
    public CrmBinding? Find(int companyId, int contactId) => _all.GetValueOrDefault((companyId, contactId));

    /// <summary>Adds a binding; a second binding of the same pair replaces the first (the relation is a set).</summary>
    public void Add(CrmBinding item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_all.TryGetValue((item.CompanyId, item.ContactId), out var existing))
        {
            Remove(existing);
        }

        _all[(item.CompanyId, item.ContactId)] = item;
        Index(_byCompany, item.CompanyId).Add(item);
        Index(_byContact, item.ContactId).Add(item);
    }

    /// <inheritdoc />
    public bool Remove(CrmBinding item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_all.TryGetValue((item.CompanyId, item.ContactId), out var stored) || !ReferenceEquals(stored, item))
        {
            return false;
        }

        _all.Remove((item.CompanyId, item.ContactId));
        Unindex(_byCompany, item.CompanyId, item);
        Unindex(_byContact, item.ContactId, item);
        return true;
    }

    /// <summary>Removes the given bindings; returns how many there were.</summary>
    public int RemoveAll(IEnumerable<CrmBinding> items)
    {
        var removed = 0;
        foreach (var item in items.ToList())
        {
            removed += Remove(item) ? 1 : 0;
        }

        return removed;
    }

    /// <inheritdoc />
    public void Clear()
    {
        _all.Clear();
        _byCompany.Clear();
        _byContact.Clear();
    }

    /// <inheritdoc />
    public bool Contains(CrmBinding item) => item is not null && _all.TryGetValue((item.CompanyId, item.ContactId), out var stored) && ReferenceEquals(stored, item);

    /// <inheritdoc />
    public void CopyTo(CrmBinding[] array, int arrayIndex) => _all.Values.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<CrmBinding> GetEnumerator() => _all.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static List<CrmBinding> Index(Dictionary<int, List<CrmBinding>> index, int key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }

    private static void Unindex(Dictionary<int, List<CrmBinding>> index, int key, CrmBinding item)
    {
        if (index.TryGetValue(key, out var list))
        {
            list.Remove(item);
            if (list.Count == 0)
            {
                index.Remove(key);
            }
        }
    }
}
