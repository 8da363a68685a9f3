using System.Diagnostics;
using SyncGrid.Domain.Normalization;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Single-threaded throughput of <see cref="RecordNormalizer"/> over a realistic mixed set of raw companies.
/// Runs on the calling thread only, so the figure is per core.
/// </summary>
internal static class NormalizeBenchmark
{
    public static NormalizeBenchResult Run(int distinctRecords, TimeSpan warmup, TimeSpan measure, int seed)
    {
        var sample = new SampleCompanies(seed);
        var records = Enumerable.Range(0, distinctRecords).Select(sample.Next).ToArray();

        var rejected = 0;
        var problems = 0;
        foreach (var r in records)
        {
            var n = RecordNormalizer.Normalize(r);
            rejected += n.IsRejected ? 1 : 0;
            problems += n.Problems.Count;
        }

        Loop(records, warmup);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (count, elapsed) = Loop(records, measure);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        return new NormalizeBenchResult(
            Records: count,
            Seconds: elapsed.TotalSeconds,
            RecordsPerSecond: count / elapsed.TotalSeconds,
            NanosecondsPerRecord: elapsed.TotalNanoseconds / count,
            BytesAllocatedPerRecord: (double)allocated / count,
            CpuSecondsPerWallSecond: cpu.TotalSeconds / elapsed.TotalSeconds,
            RejectedShare: (double)rejected / records.Length,
            ProblemsPerRecord: (double)problems / records.Length,
            DistinctRecords: records.Length);
    }

    private static (long Count, TimeSpan Elapsed) Loop(RawCompany[] records, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        var sink = 0;
        while (watch.Elapsed < duration)
        {
            foreach (var r in records)
            {
                sink += RecordNormalizer.Normalize(r).Problems.Count;
            }

            count += records.Length;
        }

        GC.KeepAlive(sink);
        return (count, watch.Elapsed);
    }
}

/// <summary>The figures of one <c>bench normalize</c> run.</summary>
internal sealed record NormalizeBenchResult(
    long Records,
    double Seconds,
    double RecordsPerSecond,
    double NanosecondsPerRecord,
    double BytesAllocatedPerRecord,
    double CpuSecondsPerWallSecond,
    double RejectedShare,
    double ProblemsPerRecord,
    int DistinctRecords);
