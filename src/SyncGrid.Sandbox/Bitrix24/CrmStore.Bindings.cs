using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>The symmetric contact–company relation (spec §7.3), addressed from either side.</summary>
internal sealed partial class CrmStore
{
    public IEnumerable<int> CompaniesOf(int contactId) =>
        State.Bindings.OfContact(contactId).OrderBy(b => b.ContactSideSort).ThenBy(b => b.CompanyId).Select(b => b.CompanyId);

    public int? PrimaryCompanyOf(int contactId) =>
        State.Bindings.OfContact(contactId).OrderByDescending(b => b.ContactSidePrimary).ThenBy(b => b.ContactSideSort)
            .Select(b => (int?)b.CompanyId).FirstOrDefault();

    /// <summary><c>crm.company.contact.add</c> / <c>crm.contact.company.add</c>: false when already bound.</summary>
    public bool BindOne(BindingSide side, JsonObject p)
    {
        var ownerId = JsonArgs.PositiveId(JsonArgs.Param(p, "id"))
            ?? throw Bitrix24RestException.Crm("The parameter 'ownerEntityID' is invalid or not defined");
        if (!State.Table(side.Owner.Name).ContainsKey(ownerId))
        {
            throw Bitrix24RestException.Crm("Not found");
        }

        var fields = JsonArgs.Param(p, "fields") as JsonObject ?? throw Bitrix24RestException.Crm("The parameter 'fields' is not valid");
        var otherId = JsonArgs.PositiveId(fields[side.OtherKey]);
        if (otherId is null || !State.Table(side.Other.Name).ContainsKey(otherId.Value))
        {
            throw Bitrix24RestException.Crm("The parameter 'fields' is not valid");
        }

        if (side.Find(State.Bindings, ownerId, otherId.Value) is not null)
        {
            return false;
        }

        var binding = side.Create(ownerId, otherId.Value);
        var mine = side.Owned(State.Bindings, ownerId).ToList();
        side.SetSort(binding, JsonArgs.PositiveId(fields["SORT"]) ?? NextSort(mine.Select(side.SortOf)));
        var primary = mine.Count == 0 || JsonArgs.Str(fields["IS_PRIMARY"]) == "Y";
        if (primary)
        {
            mine.ForEach(b => side.SetPrimary(b, false));
        }

        side.SetPrimary(binding, primary);
        MirrorSide(side, binding);
        State.Bindings.Add(binding);
        return true;
    }

    /// <summary><c>*.items.set</c>: replaces the owner's whole set; first <c>IS_PRIMARY=Y</c> wins, else the first item.</summary>
    public void SetItems(BindingSide side, JsonObject p)
    {
        var ownerId = JsonArgs.PositiveId(JsonArgs.Param(p, "id"))
            ?? throw Bitrix24RestException.Crm("The parameter 'ownerEntityID' is invalid or not defined");
        if (!State.Table(side.Owner.Name).ContainsKey(ownerId))
        {
            throw Bitrix24RestException.Crm("Not found");
        }

        var items = JsonArgs.Param(p, "items") ?? throw Bitrix24RestException.Crm("The parameter 'items' must be array.");
        var wanted = new List<(int Other, int? Sort, bool Primary)>();
        foreach (var item in JsonArgs.Items(items).OfType<JsonObject>())
        {
            var otherId = JsonArgs.PositiveId(item[side.OtherKey]);
            if (otherId is null || !State.Table(side.Other.Name).ContainsKey(otherId.Value))
            {
                throw Bitrix24RestException.Crm("The parameter 'items' is not valid");
            }

            if (!wanted.Exists(w => w.Other == otherId))
            {
                wanted.Add((otherId.Value, JsonArgs.PositiveId(item["SORT"]), JsonArgs.Str(item["IS_PRIMARY"]) == "Y"));
            }
        }

        ReplaceBindings(side, ownerId, wanted);
    }

    public JsonArray GetItems(BindingSide side, JsonObject p)
    {
        var ownerId = JsonArgs.PositiveId(JsonArgs.Param(p, "id"))
            ?? throw Bitrix24RestException.Crm("The parameter 'ownerEntityID' is invalid or not defined");
        if (!State.Table(side.Owner.Name).ContainsKey(ownerId))
        {
            throw Bitrix24RestException.Crm("Not found");
        }

        return new JsonArray([.. side.Owned(State.Bindings, ownerId).OrderBy(side.SortOf).Select(b => (JsonNode)new JsonObject
        {
            [side.OtherKey] = side.OtherOf(b),
            ["SORT"] = side.SortOf(b),
            ["ROLE_ID"] = 0,
            ["IS_PRIMARY"] = side.PrimaryOf(b) ? "Y" : "N",
        })]);
    }

    public bool Unbind(BindingSide side, JsonObject p, bool all)
    {
        var ownerId = JsonArgs.PositiveId(JsonArgs.Param(p, "id"))
            ?? throw Bitrix24RestException.Crm("The parameter 'ownerEntityID' is invalid or not defined");
        if (!State.Table(side.Owner.Name).ContainsKey(ownerId))
        {
            throw Bitrix24RestException.Crm("Not found");
        }

        int? otherId = null;
        if (!all)
        {
            otherId = (JsonArgs.Param(p, "fields") as JsonObject)?[side.OtherKey] is { } node ? JsonArgs.PositiveId(node) : null;
            if (otherId is null)
            {
                throw Bitrix24RestException.Crm("The parameter 'fields' is not valid");
            }
        }

        var removed = State.Bindings.RemoveAll(side.Owned(State.Bindings, ownerId).Where(b => all || side.OtherOf(b) == otherId));
        var rest = side.Owned(State.Bindings, ownerId).OrderBy(side.SortOf).ToList();
        if (rest.Count > 0 && !rest.Exists(side.PrimaryOf))
        {
            side.SetPrimary(rest[0], true);
        }

        return removed > 0 || all;
    }

    /// <summary>Used by <c>COMPANY_IDS</c> on a contact and <c>CONTACT_ID[]</c> on a company: the list is the full set.</summary>
    private void ReplaceBindings(BindingSide side, int ownerId, List<(int Other, int? Sort, bool Primary)> wanted)
    {
        State.Bindings.RemoveAll(side.Owned(State.Bindings, ownerId));
        var primaryIndex = Math.Max(0, wanted.FindIndex(w => w.Primary));
        var sort = 0;
        for (var i = 0; i < wanted.Count; i++)
        {
            var binding = side.Create(ownerId, wanted[i].Other);
            sort = wanted[i].Sort ?? sort + 10;
            side.SetSort(binding, sort);
            side.SetPrimary(binding, i == primaryIndex);
            MirrorSide(side, binding);
            State.Bindings.Add(binding);
        }
    }

    private void MirrorSide(BindingSide side, CrmBinding binding)
    {
        var mirror = side.Mirror;
        var theirs = mirror.Owned(State.Bindings, mirror.OwnerOf(binding)).ToList();
        mirror.SetSort(binding, NextSort(theirs.Select(mirror.SortOf)));
        mirror.SetPrimary(binding, theirs.Count == 0);
    }

    private static int NextSort(IEnumerable<int> sorts) => sorts.DefaultIfEmpty(0).Max() + 10;

    public void BindFromEntityFields(BindingSide side, int ownerId, JsonObject fields, string listKey, string? primaryKey)
    {
        if (fields.TryGetPropertyValue(listKey, out var list))
        {
            var ids = JsonArgs.Items(list).Select(JsonArgs.PositiveId).OfType<int>()
                .Where(id => State.Table(side.Other.Name).ContainsKey(id)).Distinct().Select(id => (id, (int?)null, false)).ToList();
            ReplaceBindings(side, ownerId, ids);
        }

        if (primaryKey is not null && JsonArgs.PositiveId(fields[primaryKey]) is { } primary && State.Table(side.Other.Name).ContainsKey(primary))
        {
            var existing = side.Find(State.Bindings, ownerId, primary);
            if (existing is null)
            {
                existing = side.Create(ownerId, primary);
                side.SetSort(existing, NextSort(side.Owned(State.Bindings, ownerId).Select(side.SortOf)));
                MirrorSide(side, existing);
                State.Bindings.Add(existing);
            }

            side.Owned(State.Bindings, ownerId).ToList().ForEach(b => side.SetPrimary(b, ReferenceEquals(b, existing)));
        }
    }
}
