using SyncGrid.Generator;

namespace SyncGrid.Cli.Demo;

/// <summary>The outcome of a run: the last snapshot, the final check, time per stage.</summary>
/// <param name="Final">The pipeline when it converged.</param>
/// <param name="Check">The portal against the expected outcome (null when the run did not sync to Bitrix24).</param>
/// <param name="Stages">Time per stage: generate, start, ingest, sync, total.</param>
/// <param name="Generated">The generated data and its expected outcome.</param>
/// <param name="StoreASkipped">Why store A was skipped, when it was.</param>
public sealed record PipelineReport(PipelineSnapshot Final, PortalCheckResult? Check, IReadOnlyDictionary<string, TimeSpan> Stages, GenerationResult Generated, string? StoreASkipped);
