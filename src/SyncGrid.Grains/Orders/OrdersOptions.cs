using System.ComponentModel.DataAnnotations;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Orders;

namespace SyncGrid.Grains.Orders;

/// <summary>The <c>Orders</c> configuration section: RetailCRM orders to Bitrix24 deals and back.</summary>
public sealed class OrdersOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Orders";

    /// <summary>Whether the silo runs the order flows (needs the <c>RetailCrm</c> and <c>Bitrix24</c> sections). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The RetailCRM account's name: the key of its intake grain. Default <c>retailcrm</c>.</summary>
    [Required]
    public string Account { get; set; } = "retailcrm";

    /// <summary>The Bitrix24 portal (gateway grain key) deals are written to. Default <c>default</c> (as <c>Sync:Portal</c>).</summary>
    [Required]
    public string Portal { get; set; } = "default";

    /// <summary>How often the order history is polled when it is exhausted. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>History records per request: 20, 50 or 100. Default 100.</summary>
    [AllowedValues(20, 50, 100)]
    public int HistoryBatchSize { get; set; } = 100;

    /// <summary>The deals' <c>ORIGINATOR_ID</c> (their <c>ORIGIN_ID</c> is the RetailCRM order id). Default <c>syncgrid:retailcrm</c>.</summary>
    [Required]
    public string Originator { get; set; } = "syncgrid:retailcrm";

    /// <summary>
    /// The application token Bitrix24 shows for the outgoing webhook that posts deal events to SyncGrid; events carrying
    /// another token are refused. Without it every event is refused and only the polling fallback runs. A secret.
    /// </summary>
    public string? ApplicationToken { get; set; }

    /// <summary>How often the polling fallback lists changed deals. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan DealPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far back each deal poll re-reads before its watermark (clock skew, same-second changes). Default 2 minutes.</summary>
    public TimeSpan DealPollOverlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The unified status dictionary: deal pipelines with their RetailCRM status ↔ Bitrix24 stage pairs.</summary>
    public List<OrderPipelineOptions> Pipelines { get; set; } = [];

    /// <summary>RetailCRM manager id → Bitrix24 user id (the deal's responsible, the tasks' assignee, the alerts' recipient).</summary>
    public Dictionary<string, int> Managers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The Bitrix24 user responsible for orders whose manager is not mapped. Default 1.</summary>
    [Range(1, int.MaxValue)]
    public int DefaultResponsibleId { get; set; } = 1;

    /// <summary>Bitrix24 users alerted of every incident, besides the order's responsible manager.</summary>
    public List<int> AlertUserIds { get; set; } = [];

    /// <summary>The first retry delay of a failed order sync; it doubles per attempt. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest retry delay (and the delay of a failure that needs a person). Default 10 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Polls an order may fail to be handed over before the intake moves past it with an incident. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxHandOverAttempts { get; set; } = 5;

    /// <summary>Contact user field of the orders count. Default <c>UF_CRM_SG_ORDERS_COUNT</c>.</summary>
    [Required]
    public string OrdersCountField { get; set; } = "UF_CRM_SG_ORDERS_COUNT";

    /// <summary>Contact user field of the total spent (cancelled and returned orders excluded). Default <c>UF_CRM_SG_TOTAL_SPENT</c>.</summary>
    [Required]
    public string TotalSpentField { get; set; } = "UF_CRM_SG_TOTAL_SPENT";

    /// <summary>Contact user field of the last order date. Default <c>UF_CRM_SG_LAST_ORDER_AT</c>.</summary>
    [Required]
    public string LastOrderAtField { get; set; } = "UF_CRM_SG_LAST_ORDER_AT";

    /// <summary>Deadline of the task created for a cancelled or returned order. Default one day.</summary>
    public TimeSpan TaskDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The dictionary as the domain reads it.</summary>
    public OrderStatusMap StatusMap() => new(new ValueList<OrderPipeline>(Pipelines.Select(p => new OrderPipeline(
        p.CategoryId,
        new ValueList<string>(p.Sites),
        new ValueList<string>(p.OrderTypes),
        new ValueList<StatusStage>(p.Statuses.Select(s => new StatusStage(s.Status, s.Stage)))))));

    /// <summary>The Bitrix24 user of a RetailCRM manager.</summary>
    public int ResponsibleFor(int? managerId) =>
        managerId is { } m && Managers.TryGetValue(m.ToString(System.Globalization.CultureInfo.InvariantCulture), out var user) ? user : DefaultResponsibleId;

    /// <summary>The purchase-history fields.</summary>
    public PurchaseHistoryFields HistoryFields() => new(OrdersCountField, TotalSpentField, LastOrderAtField);

    /// <inheritdoc />
    public override string ToString() =>
        $"Orders {{ Enabled = {Enabled}, Account = {Account}, Portal = {Portal}, ApplicationToken = {(string.IsNullOrEmpty(ApplicationToken) ? "(none)" : "***")}, Pipelines = {Pipelines.Count} }}";

    /// <summary>The retry delay after <paramref name="attempts"/> failures: doubling from the base, at most the longest.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>One deal pipeline of the status dictionary (<c>Orders:Pipelines:n</c>).</summary>
public sealed class OrderPipelineOptions
{
    /// <summary>The Bitrix24 deal category; 0 (default) is the default pipeline.</summary>
    public int CategoryId { get; set; }

    /// <summary>RetailCRM sites whose orders go here; empty (default): any.</summary>
    public List<string> Sites { get; set; } = [];

    /// <summary>RetailCRM order types whose orders go here; empty (default): any.</summary>
    public List<string> OrderTypes { get; set; } = [];

    /// <summary>Status code ↔ stage id pairs; a stage changed in Bitrix24 goes back as the first status listed for it.</summary>
    public List<StatusStageOptions> Statuses { get; set; } = [];
}

/// <summary>One pair of the status dictionary.</summary>
public sealed class StatusStageOptions
{
    /// <summary>The RetailCRM status code.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The Bitrix24 stage id (<c>C{n}:</c> prefixed outside the default pipeline).</summary>
    public string Stage { get; set; } = string.Empty;
}
