using CorsKit.Samples.BrowserDemo;

// Two Kestrel apps in one process: the page on http://localhost:<page port> and the CorsKit API on
// http://127.0.0.1:<api port>. Different hosts make them different origins in every browser, without any host mapping.
//   dotnet run --project samples/CorsKit.Samples.BrowserDemo [-- --page-port 5290 --api-port 5291]
var pagePort = ReadPort(args, "--page-port", DemoServers.DefaultPagePort);
var apiPort = ReadPort(args, "--api-port", DemoServers.DefaultApiPort);

await using var demo = await DemoServers.StartAsync(pagePort, apiPort);
Console.WriteLine("CorsKit browser demo");
Console.WriteLine($"  page (origin A): {demo.PageOrigin}/   <- open this in a browser");
Console.WriteLine($"  API  (origin B): {demo.ApiOrigin}");
Console.WriteLine("Press Ctrl+C to stop.");

// Both hosts listen for Ctrl+C and SIGTERM; when either begins to stop, dispose both.
await demo.WaitForShutdownAsync();

static int ReadPort(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var port) ? port : fallback;
}
