using BenchmarkDotNet.Running;
using CorsKit.Benchmarks;

// `--serve nocors|ms|corskit --urls http://127.0.0.1:PORT` runs the Kestrel host that run-wrk.sh loads; `--verify` checks
// the responses of every benchmark case without measuring; anything else goes to BenchmarkDotNet (e.g. `--filter '*'`, `--list flat`).
if (args.Length >= 2 && args[0] == "--serve")
{
    await ServeHost.RunAsync(args[1], args[2..]);
    return 0;
}

if (args.Length == 1 && args[0] == "--verify")
{
    // Runs every [GlobalSetup] (which checks the responses of the three pipelines) without measuring anything.
    foreach (var path in Enum.GetValues<CorsKit.Benchmarks.Infrastructure.CorsPath>())
    {
        new PathBenchmarks { Path = path }.Setup();
    }

    foreach (var origins in Enum.GetValues<OriginList>())
    {
        new OriginScalingBenchmarks { Origins = origins }.Setup();
    }

    foreach (var headers in Enum.GetValues<RequestHeaderList>())
    {
        new RequestHeadersBenchmarks { RequestHeaders = headers }.Setup();
    }

    foreach (var path in new FloorBenchmarks().GetType().GetProperty(nameof(FloorBenchmarks.Path))!
                 .GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.ParamsAttribute), false)
                 .Cast<BenchmarkDotNet.Attributes.ParamsAttribute>().Single().Values.Cast<CorsKit.Benchmarks.Infrastructure.CorsPath>())
    {
        foreach (var store in Enum.GetValues<CorsKit.Benchmarks.Infrastructure.HeaderStore>())
        {
            new FloorBenchmarks { Path = path, Store = store }.Setup();
        }
    }

    foreach (var path in new[] { CorsKit.Benchmarks.Infrastructure.CorsPath.PreflightAllowed, CorsKit.Benchmarks.Infrastructure.CorsPath.ActualAllowed })
    {
        new SentinelBenchmarks { Path = path }.Setup();
    }

    Console.WriteLine("All benchmark pipelines produce the expected responses.");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PathBenchmarks).Assembly).Run(args, new BenchConfig());
return 0;
