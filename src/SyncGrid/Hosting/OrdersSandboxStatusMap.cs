using System.Globalization;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// The unified status dictionary for the RetailCRM sandbox's shop and a Bitrix24 portal's default pipeline, as
/// configuration (<c>Orders:Pipelines:0:…</c>): what <c>syncgrid bench orders</c> runs with, and an example to copy.
/// </summary>
public static class OrdersSandboxStatusMap
{
    /// <summary>RetailCRM status code → Bitrix24 stage of pipeline 0, in order (a stage goes back as its first status).</summary>
    public static readonly (string Status, string Stage)[] Pairs =
    [
        ("new", "NEW"), ("availability-confirmed", "PREPARATION"), ("client-confirmed", "PREPARATION"), ("prepayed", "PREPAYMENT_INVOICE"),
        ("assembling", "EXECUTING"), ("assembling-complete", "EXECUTING"), ("send-to-delivery", "FINAL_INVOICE"), ("delivering", "FINAL_INVOICE"),
        ("complete", "WON"), ("cancel-other", "LOSE"), ("no-call", "LOSE"), ("return", "APOLOGY"),
    ];

    /// <summary>The dictionary as configuration settings.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Orders:Pipelines:0:CategoryId", "0");
        for (var i = 0; i < Pairs.Length; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            yield return new($"Orders:Pipelines:0:Statuses:{n}:Status", Pairs[i].Status);
            yield return new($"Orders:Pipelines:0:Statuses:{n}:Stage", Pairs[i].Stage);
        }
    }
}
