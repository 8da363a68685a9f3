using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>The REST method table of a portal: lower-case name → handler over the store. <c>batch</c> is handled by the dispatcher.</summary>
internal static class Bitrix24Methods
{
    public const string Batch = "batch";

    public static Dictionary<string, Func<JsonObject, MethodResult>> Build(CrmStore store)
    {
        var table = new Dictionary<string, Func<JsonObject, MethodResult>>(StringComparer.OrdinalIgnoreCase);

        void Crud(EntitySchema schema, string prefix, Func<JsonObject, int> add, Func<JsonObject, bool> update, string deleteNotFound)
        {
            table[prefix + ".add"] = p => new MethodResult(add(p));
            table[prefix + ".update"] = p => new MethodResult(update(p));
            table[prefix + ".get"] = p => new MethodResult(store.Project(schema, store.Find(schema, p, schema == EntitySchema.Requisite || schema == EntitySchema.BankDetail ? schema.UpdateNotFound : "Not found")));
            table[prefix + ".list"] = p => ListQuery.Run(store, schema, store.State.Table(schema.Name).Values, p);
            table[prefix + ".delete"] = p =>
            {
                store.Delete(schema, p, deleteNotFound);
                return new MethodResult(true);
            };
        }

        Crud(EntitySchema.Company, "crm.company",
            p => store.Add(EntitySchema.Company, p),
            p => store.Update(EntitySchema.Company, p, (record, fields) => store.BindFromEntityFields(BindingSide.FromCompany, record.Id, fields, "CONTACT_ID", null)),
            string.Empty);
        Crud(EntitySchema.Contact, "crm.contact",
            p => store.Add(EntitySchema.Contact, p, (record, fields) => store.BindFromEntityFields(BindingSide.FromContact, record.Id, fields, "COMPANY_IDS", "COMPANY_ID")),
            p => store.Update(EntitySchema.Contact, p, (record, fields) => store.BindFromEntityFields(BindingSide.FromContact, record.Id, fields, "COMPANY_IDS", "COMPANY_ID")),
            string.Empty);
        Crud(EntitySchema.Deal, "crm.deal", store.AddDeal, store.UpdateDeal, "Not found");
        Crud(EntitySchema.Requisite, "crm.requisite", store.AddRequisite, store.UpdateRequisite, EntitySchema.Requisite.UpdateNotFound);
        Crud(EntitySchema.BankDetail, "crm.requisite.bankdetail", store.AddBankDetail,
            p => store.Update(EntitySchema.BankDetail, p, reportUnchanged: true), EntitySchema.BankDetail.UpdateNotFound);
        table["crm.requisite.preset.list"] = p => ListQuery.Run(store, EntitySchema.Preset, store.State.Table(EntitySchema.Preset.Name).Values, p);

        foreach (var (side, prefix) in new[] { (BindingSide.FromCompany, "crm.company.contact"), (BindingSide.FromContact, "crm.contact.company") })
        {
            table[prefix + ".add"] = p => new MethodResult(store.BindOne(side, p));
            table[prefix + ".delete"] = p => new MethodResult(store.Unbind(side, p, all: false));
            table[prefix + ".items.set"] = p =>
            {
                store.SetItems(side, p);
                return new MethodResult(true);
            };
            table[prefix + ".items.get"] = p => new MethodResult(store.GetItems(side, p));
            table[prefix + ".items.delete"] = p => new MethodResult(store.Unbind(side, p, all: true));
        }

        table["crm.duplicate.findbycomm"] = p => new MethodResult(store.FindByCommunication(p));
        table["crm.status.list"] = p =>
        {
            var rows = CrmStore.StatusList(p);
            return new MethodResult(rows, Total: rows.Count);
        };
        table["crm.dealcategory.stage.list"] = p => new MethodResult(CrmStore.DealCategoryStages(p));
        table["crm.category.list"] = CrmStore.CategoryList;
        table["crm.currency.list"] = _ => CrmStore.CurrencyList();
        table["im.notify.system.add"] = p => new MethodResult(store.Notify("system", p));
        table["im.notify.personal.add"] = p => new MethodResult(store.Notify("personal", p));
        store.AddTaskMethods(table);
        return table;
    }
}
