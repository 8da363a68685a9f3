using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.Orders;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>One sync attempt: a pending push back to RetailCRM first, then contact, company, deal and task.</summary>
public sealed partial class OrderGrain
{
    private async Task<SyncFailure?> RunAsync(OrderEvents events, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.PendingStatus is not null || s.CommentPending)
        {
            var pushed = await PushToRetailCrmAsync(events, cancellationToken);
            if (pushed is not null)
            {
                return pushed;
            }
        }

        if (s.Deleted)
        {
            return null;
        }

        var order = s.Order!;
        var map = _options.StatusMap();
        var pipeline = s.CategoryId is { } category ? map.Pipeline(category) : map.PipelineFor(order.Site, order.OrderType);
        if (pipeline is null)
        {
            return new SyncFailure("order", "pipeline.unmapped", "no deal pipeline takes this order",
                $"No pipeline of Orders:Pipelines accepts site '{order.Site}' and order type '{order.OrderType}'.", Retry: false);
        }

        var stage = pipeline.StageOf(order.Status);
        if (stage is null)
        {
            return new SyncFailure("order", "status.unmapped", $"status '{order.Status}' has no Bitrix24 stage",
                $"RetailCRM status '{order.Status}' is not in the status dictionary of pipeline {pipeline.CategoryId} (Orders:Pipelines).", Retry: false);
        }

        var stages = await dictionaries.StagesAsync(GrainFactory, _options.Portal, s.CategoryId ?? pipeline.CategoryId, cancellationToken);
        if (stages is null)
        {
            return new SyncFailure("order", "bitrix24.unavailable", "the deal stages could not be read", "crm.status.list failed; retried.", Retry: true);
        }

        var failureStage = stages.GetValueOrDefault(stage) == "F";
        var customer = OrderCustomer.Of(order);
        var companyId = await CompanyOfAsync(customer, cancellationToken);
        var contactStarted = OrderEvents.Start();
        var contact = await GrainFactory.GetGrain<IContactGrain>(customer.Key.Value).ResolveForOrderAsync(new OrderContactRequest
        {
            Customer = customer,
            Purchase = new OrderPurchase(order.Id, order.TotalSumm, order.CreatedAt, Cancelled: failureStage),
            CompanyId = companyId,
            Portal = _options.Portal,
            Fields = _options.HistoryFields(),
        }, cancellationToken);
        events.Out("bitrix24", "contact.resolve", contact.ContactId is null ? (contact.Retry ? "unknown" : "failed") : "ok",
            contact.ContactId is { } c ? $"bitrix24:contact:{c.ToString(CultureInfo.InvariantCulture)}" : null, contact.Error ?? contact.How, contactStarted);
        if (contact.ContactId is null)
        {
            return new SyncFailure("order", contact.Retry ? "bitrix24.unavailable" : "bitrix24.rejected", "the customer's contact could not be written", contact.Error ?? "no contact", contact.Retry);
        }

        s.ContactId = contact.ContactId;
        s.ContactKey = customer.Key.Value;
        s.CompanyId = companyId;
        s.CategoryId ??= pipeline.CategoryId;
        var desired = OrderDealImage.Fields(order, s.CategoryId.Value, stage, Responsible, contact.ContactId, companyId, _options.Originator);
        var deal = await WriteDealAsync(desired, order, stage, events, cancellationToken);
        if (deal is not null)
        {
            return deal;
        }

        events.DealId = s.DealId;
        return failureStage ? await TaskAsync(order, stage, events, cancellationToken) : null;
    }

    /// <summary>A status or comment chosen in Bitrix24, written to the order: only those fields, addressed by id.</summary>
    private async Task<SyncFailure?> PushToRetailCrmAsync(OrderEvents events, CancellationToken cancellationToken)
    {
        var s = state.State;
        var order = s.Order!;
        var client = services.GetService<IRetailCrmClient>();
        if (client is null)
        {
            return new SyncFailure("reverse", "retailcrm.unconfigured", "a Bitrix24 change cannot go back to RetailCRM", "No RetailCRM client is configured (RetailCrm section).", Retry: false);
        }

        var edit = new RetailCrmOrderEdit { Status = s.PendingStatus, ManagerComment = s.CommentPending ? s.PendingComment ?? string.Empty : null };
        var started = OrderEvents.Start();
        var result = await client.EditOrderAsync(order.Id, order.Site, edit, cancellationToken);
        var kind = s.PendingStatus is not null ? "status.push" : "comment.push";
        events.Out("retailcrm", kind, ResultOf(result.Outcome), $"retailcrm:order:{order.Id.ToString(CultureInfo.InvariantCulture)}", result.IsOk ? null : result.ToString(), started);
        switch (result.Outcome)
        {
            case RetailCrmOutcome.Ok:
                var edited = result.Value!;
                if (s.PendingStatus is not null)
                {
                    s.StatusAtStageSync = edited.Status;
                    s.Written["STAGE_ID"] = s.KnownStage ?? string.Empty;
                }

                if (s.CommentPending)
                {
                    s.CommentAtSync = edited.ManagerComment;
                    s.Written["COMMENTS"] = s.KnownComments ?? string.Empty;
                }

                s.Order = edited;
                s.PendingStatus = null;
                s.PendingComment = null;
                s.CommentPending = false;
                return null;
            case RetailCrmOutcome.RateLimited or RetailCrmOutcome.Unavailable:
                return new SyncFailure("reverse", "retailcrm.unavailable", "a Bitrix24 change could not be written to RetailCRM yet", result.ToString(), Retry: true);
            default:
                // Refused (unknown or forbidden status, a deleted order, a wrong key): retrying as is cannot help.
                var what = s.PendingStatus is not null ? $"status '{s.PendingStatus}'" : "the manager comment";
                s.PendingStatus = null;
                s.PendingComment = null;
                s.CommentPending = false;
                return new SyncFailure("reverse", "retailcrm.rejected", $"RetailCRM refused {what} set in Bitrix24", result.ToString(), Retry: false);
        }
    }

    private async Task<long?> CompanyOfAsync(OrderCustomer customer, CancellationToken cancellationToken)
    {
        if (customer.CompanyTin is not { } tin)
        {
            return null;
        }

        // A legal entity known to the grid: its deal goes to the company the grid keeps in Bitrix24.
        var company = await GrainFactory.GetGrain<ICompanyGrain>(tin.Value).GetSyncStateAsync(cancellationToken);
        return company.Exists ? company.Bitrix24CompanyId : null;
    }

    private async Task<SyncFailure?> WriteDealAsync(SortedDictionary<string, string> desired, RetailCrmOrder order, string stage, OrderEvents events, CancellationToken cancellationToken)
    {
        var s = state.State;
        const string Title = "the deal could not be written";
        // Looked up before the first add too, not only after a lost answer: a deal whose id this grain does not hold
        // (its state was reset, another SyncGrid wrote it) is adopted, never added a second time.
        if (s.DealId is null)
        {
            var found = await CallAsync(OrderCommands.FindDeal(_options.Originator, OrderId), "deal.lookup", events, cancellationToken);
            if (found.Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Failure(found, "crm.deal.list", Title);
            }

            s.DealId = Bitrix24Results.Ids(found).Select(x => (long?)x.Id).FirstOrDefault();
            s.DealAddUnknown = false;
            s.Written.Clear();
        }

        if (s.DealId is null)
        {
            s.DealAddUnknown = true;
            await state.WriteStateAsync(cancellationToken);
            var added = await CallAsync(OrderCommands.AddDeal(desired), "deal.add", events, cancellationToken);
            switch (added.Outcome)
            {
                case Bitrix24Outcome.Ok:
                    s.DealId = added.AsId();
                    s.DealAddUnknown = false;
                    Wrote(desired, order, stage, stageWritten: true, commentWritten: true);
                    return null;
                case Bitrix24Outcome.Unknown:
                    return Bitrix24Failure(added, "crm.deal.add", Title);
                default:
                    s.DealAddUnknown = added.Outcome is not (Bitrix24Outcome.Rejected or Bitrix24Outcome.Fatal);
                    return Bitrix24Failure(added, "crm.deal.add", Title);
            }
        }

        // Only what differs from the last write; the stage follows status changes and the comment follows manager-comment
        // changes, so a stage or comment changed in Bitrix24 is not overwritten by an unrelated order edit.
        var stageDue = order.Status != s.StatusAtStageSync;
        var commentDue = (order.ManagerComment ?? string.Empty) != (s.CommentAtSync ?? string.Empty);
        var changes = desired.Where(f => f.Key != "CATEGORY_ID"
                && (f.Key != "STAGE_ID" || stageDue)
                && (f.Key != "COMMENTS" || commentDue)
                && (!s.Written.TryGetValue(f.Key, out var written) || written != f.Value))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            events.Out("bitrix24", "deal.update", "skipped", DealRef, "the deal already holds the order");
            Wrote(new Dictionary<string, string>(), order, stage, stageWritten: stageDue, commentWritten: commentDue);
            return null;
        }

        var updated = await CallAsync(OrderCommands.UpdateDeal(s.DealId.Value, changes), "deal.update", events, cancellationToken);
        if (updated.IsNotFound)
        {
            // Deleted in Bitrix24: add it again at the next attempt.
            s.DealId = null;
            s.Written.Clear();
            s.StatusAtStageSync = null;
            s.CommentAtSync = null;
            return new SyncFailure("order", "bitrix24.deal-missing", "the deal was deleted in Bitrix24", "crm.deal.update: Not found; the deal is added again.", Retry: true);
        }

        if (updated.Outcome != Bitrix24Outcome.Ok)
        {
            return Bitrix24Failure(updated, "crm.deal.update", Title);
        }

        Wrote(changes, order, stage, changes.ContainsKey("STAGE_ID"), changes.ContainsKey("COMMENTS"));
        return null;
    }

    private void Wrote(IReadOnlyDictionary<string, string> fields, RetailCrmOrder order, string stage, bool stageWritten, bool commentWritten)
    {
        var s = state.State;
        foreach (var (name, value) in fields)
        {
            s.Written[name] = value;
        }

        if (stageWritten)
        {
            s.StatusAtStageSync = order.Status;
            s.KnownStage = stage;
        }

        if (commentWritten)
        {
            s.CommentAtSync = order.ManagerComment;
            s.KnownComments = order.ManagerComment ?? string.Empty;
        }
    }

    /// <summary>A cancellation or return (a failure stage) gets one task for the responsible manager, per status reached.</summary>
    private async Task<SyncFailure?> TaskAsync(RetailCrmOrder order, string stage, OrderEvents events, CancellationToken cancellationToken)
    {
        var s = state.State;
        var task = s.Tasks.Find(t => t.Status == order.Status);
        if (task is { TaskId: not null })
        {
            return null;
        }

        const string Title = "the manager's task could not be created";
        if (task is null)
        {
            task = new OrderTaskState { Status = order.Status, Title = $"Order No. {order.Number}: {order.Status} — contact the customer" };
            s.Tasks.Add(task);
        }

        // As for deals: looked up by title and deal before every add, so neither a lost answer nor lost state doubles it.
        {
            var found = await CallAsync(OrderCommands.FindTask(task.Title, s.DealId!.Value), "task.lookup", events, cancellationToken);
            if (found.Outcome != Bitrix24Outcome.Ok)
            {
                return Bitrix24Failure(found, "tasks.task.list", Title);
            }

            using var json = found.Parse()!;
            var tasks = json.RootElement.TryGetProperty("tasks", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array ? list : default;
            task.TaskId = tasks.ValueKind == System.Text.Json.JsonValueKind.Array
                ? tasks.EnumerateArray().Select(t => t.TryGetProperty("id", out var id) ? Bitrix24Json.ReadId(id) : null).OfType<long>().Order().Select(id => (long?)id).FirstOrDefault()
                : null;
            task.AddUnknown = false;
            if (task.TaskId is not null)
            {
                return null;
            }
        }

        task.AddUnknown = true;
        await state.WriteStateAsync(cancellationToken);
        var description = $"RetailCRM order No. {order.Number} (id {order.Id.ToString(CultureInfo.InvariantCulture)}) moved to status '{order.Status}' and its deal to stage '{stage}'. "
            + $"Amount {order.TotalSumm.ToString("0.00", CultureInfo.InvariantCulture)} {order.Currency}. Contact the customer and settle the {(order.Status.Contains("return", StringComparison.OrdinalIgnoreCase) ? "return" : "cancellation")}.";
        var added = await CallAsync(OrderCommands.AddTask(task.Title, description, Responsible, time.GetUtcNow() + _options.TaskDeadline, s.DealId!.Value), "task.add", events, cancellationToken);
        switch (added.Outcome)
        {
            case Bitrix24Outcome.Ok:
                using (var json = added.Parse()!)
                {
                    task.TaskId = json.RootElement.TryGetProperty("task", out var t) && t.TryGetProperty("id", out var id) ? Bitrix24Json.ReadId(id) : null;
                }

                task.AddUnknown = false;
                return null;
            case Bitrix24Outcome.Unknown:
                return Bitrix24Failure(added, "tasks.task.add", Title);
            default:
                task.AddUnknown = added.Outcome is not (Bitrix24Outcome.Rejected or Bitrix24Outcome.Fatal);
                return Bitrix24Failure(added, "tasks.task.add", Title);
        }
    }
}
