using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Domain.Orders;

/// <summary>
/// The unified status dictionary: every pipeline, in order (an order goes to the first that accepts it), with its
/// validation against both systems' dictionaries.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderStatusMap")]
public sealed record OrderStatusMap([property: Id(0)] ValueList<OrderPipeline> Pipelines)
{
    /// <summary>The pipeline an order goes to, or <see langword="null"/> when none accepts it.</summary>
    public OrderPipeline? PipelineFor(string site, string? orderType) => Pipelines.FirstOrDefault(p => p.Accepts(site, orderType));

    /// <summary>The pipeline of a deal category.</summary>
    public OrderPipeline? Pipeline(int categoryId) => Pipelines.FirstOrDefault(p => p.CategoryId == categoryId);

    /// <summary>
    /// Checks the dictionary against RetailCRM's statuses and each pipeline's Bitrix24 stages. Errors name the setting
    /// (<c>{section}:Pipelines:{i}:Statuses:{j}:Status</c>) and the unknown code; an active RetailCRM status no pipeline
    /// maps is reported as a warning (its orders are parked with an incident until it is mapped).
    /// </summary>
    /// <param name="section">The configuration section the dictionary came from, for the messages.</param>
    /// <param name="statuses">RetailCRM's statuses dictionary.</param>
    /// <param name="stagesOf">The stage ids of a Bitrix24 pipeline; <see langword="null"/> when the pipeline does not exist.</param>
    public (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings) Validate(string section, IReadOnlyList<RetailCrmStatus> statuses, Func<int, IReadOnlyCollection<string>?> stagesOf)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(stagesOf);
        var errors = new List<string>();
        var warnings = new List<string>();
        if (Pipelines.IsEmpty)
        {
            errors.Add($"{section}:Pipelines: the status dictionary is empty; map every RetailCRM status to a Bitrix24 stage.");
        }

        var byCode = statuses.ToDictionary(s => s.Code, StringComparer.Ordinal);
        for (var i = 0; i < Pipelines.Count; i++)
        {
            var pipeline = Pipelines[i];
            var stages = stagesOf(pipeline.CategoryId);
            if (stages is null)
            {
                errors.Add($"{section}:Pipelines:{i}:CategoryId: Bitrix24 has no deal pipeline {pipeline.CategoryId}.");
            }

            if (pipeline.Map.IsEmpty)
            {
                errors.Add($"{section}:Pipelines:{i}:Statuses: no status is mapped.");
            }

            for (var j = 0; j < pipeline.Map.Count; j++)
            {
                var (status, stage) = (pipeline.Map[j].Status, pipeline.Map[j].Stage);
                if (!byCode.TryGetValue(status, out var known))
                {
                    errors.Add($"{section}:Pipelines:{i}:Statuses:{j}:Status: RetailCRM has no status '{status}' (known: {string.Join(", ", byCode.Keys.Order(StringComparer.Ordinal))}).");
                }
                else if (!known.Active)
                {
                    errors.Add($"{section}:Pipelines:{i}:Statuses:{j}:Status: RetailCRM status '{status}' is inactive.");
                }

                if (stages is not null && !stages.Contains(stage))
                {
                    errors.Add($"{section}:Pipelines:{i}:Statuses:{j}:Stage: Bitrix24 pipeline {pipeline.CategoryId} has no stage '{stage}' (known: {string.Join(", ", stages)}).");
                }

                if (pipeline.Map.Take(j).Any(m => m.Status == status))
                {
                    errors.Add($"{section}:Pipelines:{i}:Statuses:{j}:Status: '{status}' is mapped twice in pipeline {pipeline.CategoryId}.");
                }
            }
        }

        foreach (var status in statuses.Where(s => s.Active && !Pipelines.Any(p => p.StageOf(s.Code) is not null)))
        {
            warnings.Add($"{section}:Pipelines: RetailCRM status '{status.Code}' ({status.Name}) is not mapped to any stage; its orders wait with an incident until it is.");
        }

        return (errors, warnings);
    }
}
