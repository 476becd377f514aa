using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace CorsKit.Benchmarks.SideBySide;

/// <summary>
/// Compares two or more builds of this suite (for example a commit and its parent) in one process, for machines too busy
/// for BenchmarkDotNet's separate runs to agree: each build is loaded in its own <see cref="BuildLoadContext"/>, and the
/// request paths of <see cref="Infrastructure.CorsPath"/> are timed through all three pipelines of every build in short
/// slices, in a shuffled order, round after round. A burst of load then hits every build alike, and the quartiles of
/// the slice times stay comparable where means do not. Usage:
/// <c>--side-by-side before=/path/to/old/bin/Release/net10.0 after=bin/Release/net10.0 [--rounds 100]</c>.
/// </summary>
/// <remarks>
/// This is a diagnostic, not the measurement of record: <c>docs/performance.md</c> quotes BenchmarkDotNet. Each line
/// printed is a build and a path with CorsKit's overhead over no CORS divided by Microsoft's (the ratio the issue
/// targets), from the first quartile of the slice times; run it several times and rotate the order of the builds, as
/// the placement of JIT-compiled code differs between processes.
/// </remarks>
internal static class SideBySideRun
{
    private const int OperationsPerSlice = 2000;
    private const int WarmUpSlices = 60;
    private static readonly string[] Pipelines = ["None", "Microsoft", "CorsKit"];

    public static int Run(string[] arguments)
    {
        var builds = arguments.Where(a => a.Contains('=', StringComparison.Ordinal)).Select(ParseBuild).ToList();
        var roundsIndex = Array.IndexOf(arguments, "--rounds");
        var rounds = roundsIndex >= 0 ? int.Parse(arguments[roundsIndex + 1], CultureInfo.InvariantCulture) : 100;
        if (builds.Count == 0)
        {
            Console.Error.WriteLine("Name at least one build: --side-by-side name=/path/to/bin/Release/net10.0 ...");
            return 2;
        }

        var slices = new Dictionary<(string Build, string Path, string Pipeline), List<double>>();
        var requests = new Dictionary<(string Build, string Path, string Pipeline), Action>();
        foreach (var (name, directory) in builds)
        {
            var suite = new LoadedSuite(BuildLoadContext.LoadSuite(directory));
            foreach (var path in suite.Paths)
            {
                foreach (var pipeline in Pipelines)
                {
                    requests[(name, path, pipeline)] = suite.CreateRequest(pipeline, path);
                    slices[(name, path, pipeline)] = [];
                }
            }
        }

        var keys = requests.Keys.ToArray();
        for (var slice = 0; slice < WarmUpSlices; slice++)
        {
            foreach (var key in keys)
            {
                Time(requests[key]);
            }
        }

        var shuffle = new Random(20261129);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var key in keys.OrderBy(_ => shuffle.Next()))
            {
                slices[key].Add(Time(requests[key]));
            }
        }

        Console.WriteLine($"{rounds} rounds of {OperationsPerSlice} requests per slice; first quartile of the slice times.");
        foreach (var (build, path) in keys.Select(k => (k.Build, k.Path)).Distinct())
        {
            var none = FirstQuartile(slices[(build, path, "None")]);
            var microsoft = FirstQuartile(slices[(build, path, "Microsoft")]) - none;
            var corsKit = FirstQuartile(slices[(build, path, "CorsKit")]) - none;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{build} {path} ratio {corsKit / microsoft:F3} corskit {corsKit:F1} ns microsoft {microsoft:F1} ns"));
        }

        return 0;
    }

    private static (string Name, string Directory) ParseBuild(string argument)
    {
        var separator = argument.IndexOf('=', StringComparison.Ordinal);
        return (argument[..separator], Path.GetFullPath(argument[(separator + 1)..]));
    }

    private static double Time(Action request)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < OperationsPerSlice; i++)
        {
            request();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / OperationsPerSlice;
    }

    private static double FirstQuartile(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 4];
    }

    /// <summary>One build of the suite, driven through its public infrastructure types by name.</summary>
    private sealed class LoadedSuite(Assembly suite)
    {
        private const string Infrastructure = "CorsKit.Benchmarks.Infrastructure.";
        private readonly Type _paths = suite.GetType(Infrastructure + "CorsPath", throwOnError: true)!;
        private readonly Type _pipelines = suite.GetType(Infrastructure + "CorsPipeline", throwOnError: true)!;
        private readonly MethodInfo _createVerified = suite.GetType(Infrastructure + "Drivers", throwOnError: true)!.GetMethod("CreateVerified")!;
        private readonly MethodInfo _scenarioFor = suite.GetType(Infrastructure + "RequestScenario", throwOnError: true)!.GetMethod("For")!;
        private readonly MethodInfo _expectedOutcome = suite.GetType(Infrastructure + "ResponseCheck", throwOnError: true)!.GetMethod("ExpectedOutcome")!;
        private readonly object _standardPolicy = suite.GetType(Infrastructure + "BenchPolicy", throwOnError: true)!.GetProperty("Standard")!.GetValue(null)!;

        public IEnumerable<string> Paths => Enum.GetNames(_paths);

        // A verified driver: every build must answer each path as expected before it is timed.
        public Action CreateRequest(string pipeline, string path)
        {
            var pathValue = Enum.Parse(_paths, path);
            var store = Enum.ToObject(_createVerified.GetParameters()[5].ParameterType, 0);
            var driver = _createVerified.Invoke(null,
                [Enum.Parse(_pipelines, pipeline), _standardPolicy, _scenarioFor.Invoke(null, [pathValue]), _expectedOutcome.Invoke(null, [pathValue]), $"{path} ({pipeline})", store])!;
            return driver.GetType().GetMethod("Invoke", Type.EmptyTypes)!.CreateDelegate<Action>(driver);
        }
    }
}
