using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CorsKit.Testing;
using Engine = CorsKit.Testing.BrowserEngine;
using SuiteEngine = CorsKit.BrowserTests.Infrastructure.BrowserEngine;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Every fetch() the suite runs in a browser is judged a second time by the CorsKit.Testing verdict engine, from the
/// same exchanges, and the two must agree on the verdict (allowed or blocked, and the status) and on the console text.
/// </summary>
/// <remarks>
/// <para>How: right after the browser's fetch, the engine runs the same request (origin of the frame, method,
/// headers, body, credentials mode), but its HTTP client is <see cref="RecordedExchanges"/>: every request the engine
/// would send is answered with what the server answered the browser for the same request, from the site's request
/// log. No request is sent again, so the scenarios' request-log assertions and handler counts are untouched, and
/// the engine judges exactly the exchanges the browser judged. The engine keeps one preflight cache per browser
/// context, as the browser does, so the preflight-cache scenarios are judged too.</para>
/// <para>What it cannot judge is counted in <see cref="Summary"/> instead of failing the scenario:</para>
/// <list type="bullet">
/// <item>A request the engine would send but the browser did not: the browser answered it from its shared HTTP cache
/// (the shared-cache scenarios), which the engine does not model.</item>
/// <item>Cookies and bodies are not compared: the engine reads the recorded status and headers, which is all a CORS
/// verdict depends on.</item>
/// <item>A sandboxed frame (opaque origin) is judged with <c>Origin: null</c>, which is what the browser sends.</item>
/// </list>
/// </remarks>
internal static class VerdictAgreement
{
    private static readonly ConditionalWeakTable<IBrowserTab, ContextState> Contexts = new();
    private static readonly ConcurrentDictionary<int, RequestLog> Logs = new();
    private static readonly ConcurrentQueue<string> Unjudgeable = new();
    private static int _agreed;
    private static int _textsCompared;

    static VerdictAgreement() => AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteSummary();

    /// <summary>How many fetches agreed, and which could not be judged and why.</summary>
    public static string Summary =>
        $"verdict agreement: {_agreed} fetches agreed with the browser ({_textsCompared} of them refusals whose console text matched); {Unjudgeable.Count} not judgeable" +
        string.Concat(Unjudgeable.Select(u => Environment.NewLine + " - " + u));

    /// <summary>Makes a test server's request log available to the judgements (called when a site starts).</summary>
    public static void Register(int port, RequestLog log) => Logs[port] = log;

    /// <summary>Judges the fetch the browser just made in <paramref name="frame"/> and asserts the engine agrees.</summary>
    public static async Task JudgeAsync(SuiteEngine engine, IBrowserTab tab, BrowserFrame frame, string url, FetchInit init, string browserJson, ConsoleLog console)
    {
        var browser = JsonSerializer.Deserialize<JsonElement>(browserJson);
        var resolved = browser.GetProperty("resolved").GetBoolean();
        var state = Contexts.GetValue(tab, _ => new ContextState(EngineFor(engine)));
        // The frame's own origin, as script sees it: "null" in a sandboxed frame.
        var origin = JsonSerializer.Deserialize<string>(await tab.CallAsync(frame, "async (json) => JSON.stringify(self.origin)", "{}"))!;
        var target = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute : new Uri(new Uri(origin), url);
        var scenario = $"{init.Method ?? "GET"} {target} from {origin} in {engine}";

        var request = new CorsRequest(target, origin)
        {
            Method = init.Method ?? "GET",
            Headers = [.. init.Headers],
            Body = init.Body,
            Credentials = init.Credentials switch
            {
                "include" => CredentialsMode.Include,
                "omit" => CredentialsMode.Omit,
                _ => CredentialsMode.SameOrigin,
            },
        };
        CorsVerdict verdict;
        try
        {
            verdict = await state.Engine.FetchAsync(request);
        }
        catch (NotRecordedException exception)
        {
            Unjudgeable.Enqueue($"{scenario}: {exception.Message} (answered from the browser's HTTP cache, which the engine does not model)");
            return;
        }

        verdict.Allowed.Should().Be(resolved,
            "the verdict engine must agree with {0} on {1} (browser: {2}); engine said:{3}{4}",
            engine, scenario, resolved ? "allowed" : browser.GetProperty("error").GetString(), Environment.NewLine, verdict);
        if (resolved)
        {
            verdict.Status.Should().Be(browser.GetProperty("status").GetInt32(), "the engine reads the status script read, for {0}", scenario);
        }
        else if (verdict.ConsoleMessage.Length > 0)
        {
            var messages = await WaitForCorsMessageAsync(console, verdict.ConsoleMessage);
            messages.Should().Contain(verdict.ConsoleMessage, "the engine's console text must be the browser's, for {0}", scenario);
            Interlocked.Increment(ref _textsCompared);
        }

        Interlocked.Increment(ref _agreed);
    }

    private static async Task<IReadOnlyList<string>> WaitForCorsMessageAsync(ConsoleLog console, string expected)
    {
        for (var attempt = 0; attempt < 30 && !console.Messages.Contains(expected); attempt++)
        {
            await Task.Delay(100);
        }

        return [.. console.Messages.Where(m => m.Contains("CORS", StringComparison.Ordinal) || m.Contains("Cross-Origin", StringComparison.Ordinal))];
    }

    private static CorsVerdictEngine EngineFor(SuiteEngine engine)
    {
        var client = new HttpClient(new RecordedExchanges(port => Logs.TryGetValue(port, out var log) ? log : null));
        return new CorsVerdictEngine(client, new CorsVerdictOptions { Browser = engine == SuiteEngine.Firefox ? Engine.Firefox : Engine.Chromium });
    }

    private static void WriteSummary()
    {
        try
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "verdict-agreement.txt"), Summary + Environment.NewLine);
        }
        catch (IOException)
        {
            // Best effort: the summary is for people reading the run.
        }
    }

    /// <summary>One browser context: its engine, with its own preflight cache.</summary>
    private sealed class ContextState(CorsVerdictEngine engine)
    {
        public CorsVerdictEngine Engine { get; } = engine;
    }
}
