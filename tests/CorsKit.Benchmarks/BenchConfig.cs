using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace CorsKit.Benchmarks;

/// <summary>
/// The suite's configuration: one short job, sized so that the whole suite (48 cases) finishes in about ten minutes on
/// a 2-core machine: 1 process per case, 3 warm-up and 15 measured iterations of ~150 ms each. Plus two columns:
/// the time a CORS pipeline adds over the no-CORS baseline of the same row group, and CorsKit's overhead as a
/// fraction of Microsoft's.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(150)));
        AddColumn(new OverheadColumn(), new OverheadVersusMicrosoftColumn());
    }

    internal static double? MeanNanoseconds(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean;

    internal static BenchmarkCase? Sibling(Summary summary, BenchmarkCase benchmarkCase, Func<BenchmarkCase, bool> predicate)
    {
        var group = summary.GetLogicalGroupKey(benchmarkCase);
        return summary.BenchmarksCases.FirstOrDefault(c => summary.GetLogicalGroupKey(c) == group && predicate(c));
    }

    internal static double? Overhead(Summary summary, BenchmarkCase benchmarkCase)
    {
        var baseline = Sibling(summary, benchmarkCase, c => c.Descriptor.Baseline);
        var mean = MeanNanoseconds(summary, benchmarkCase);
        var baselineMean = baseline is null ? null : MeanNanoseconds(summary, baseline);
        return mean is null || baselineMean is null ? null : mean - baselineMean;
    }
}

/// <summary>Mean time over the no-CORS baseline of the same parameters, in nanoseconds.</summary>
public sealed class OverheadColumn : IColumn
{
    public string Id => nameof(OverheadColumn);

    public string ColumnName => "Overhead";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean minus the mean of the no-CORS baseline with the same parameters (ns)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.Baseline ? "-"
        : BenchConfig.Overhead(summary, benchmarkCase) is { } overhead ? overhead.ToString("F1", CultureInfo.InvariantCulture) + " ns"
        : "?";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>A row's overhead (CorsKit's, or a diagnostic's) divided by Microsoft's, same parameters (CorsKit's target: at most 0.25).</summary>
public sealed class OverheadVersusMicrosoftColumn : IColumn
{
    public string Id => nameof(OverheadVersusMicrosoftColumn);

    public string ColumnName => "Overhead/MS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "This row's overhead over no-CORS divided by Microsoft.AspNetCore.Cors's, same parameters (target for CorsKit <= 0.25)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Baseline || benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(PathBenchmarks.MicrosoftCors))
        {
            return "-";
        }

        var microsoft = BenchConfig.Sibling(summary, benchmarkCase, c => c.Descriptor.WorkloadMethod.Name == nameof(PathBenchmarks.MicrosoftCors));
        var corsKitOverhead = BenchConfig.Overhead(summary, benchmarkCase);
        var microsoftOverhead = microsoft is null ? null : BenchConfig.Overhead(summary, microsoft);
        return corsKitOverhead is null || microsoftOverhead is null || microsoftOverhead <= 0
            ? "?"
            : (corsKitOverhead.Value / microsoftOverhead.Value).ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
