using System.CommandLine;
using CorsKit.Testing;

namespace CorsKit.Tool.Probe;

/// <summary><c>corskit probe URL --origin ORIGIN [--method M] [--header NAME[:VALUE]]... [--credentials] [--json]</c>.</summary>
internal static class ProbeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var url = new Argument<string>("url") { Description = "The absolute http(s) URL script would fetch." };
        var origin = new Option<string>("--origin", "-o")
        {
            Description = "The page's origin, e.g. https://app.example.com (exactly as a browser sends it), or null.",
            Required = true,
        };
        var method = new Option<string>("--method", "-X")
        {
            Description = "The method as script passes it (browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST, PUT).",
            DefaultValueFactory = _ => "GET",
        };
        var headers = new Option<string[]>("--header", "-H")
        {
            Description = "A header script sets, NAME:VALUE or NAME (empty value). Repeat for several.",
        };
        var credentials = new Option<bool>("--credentials") { Description = "Send the request with credentials: \"include\"." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the whole probe (default 10).",
            DefaultValueFactory = _ => 10,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is <= 0 or > 3600)
            {
                result.AddError("--timeout must be between 1 and 3600 seconds.");
            }
        });
        var browser = new Option<string>("--browser")
        {
            Description = "The browser to model: chromium (default) or firefox.",
            DefaultValueFactory = _ => "chromium",
        };
        browser.AcceptOnlyFromAmong("chromium", "firefox");

        var command = new Command("probe", "Probe a live server like the browser's fetch() would, and print its verdict.")
        {
            url, origin, method, headers, credentials, json, timeout, browser,
        };
        command.SetAction((parsed, cancellationToken) => new ProbeRun(output, error)
        {
            Url = parsed.GetValue(url)!,
            Origin = parsed.GetValue(origin)!,
            Method = parsed.GetValue(method)!,
            Headers = parsed.GetValue(headers) ?? [],
            Credentials = parsed.GetValue(credentials),
            Json = parsed.GetValue(json),
            Timeout = TimeSpan.FromSeconds(parsed.GetValue(timeout)),
            Browser = parsed.GetValue(browser) == "firefox" ? BrowserEngine.Firefox : BrowserEngine.Chromium,
        }.RunAsync(cancellationToken));
        return command;
    }
}
