namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Base of every browser scenario. A scenario class is abstract and written once; two nested classes run it, one per
/// engine, each in that engine's collection (one browser per engine):
/// <code>
/// [Collection(ChromiumTests.Name), Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
/// public sealed class InChromium(ChromiumFixture browser) : MyScenarios(browser);
/// </code>
/// Where the engines legitimately differ, the scenario states both expectations with <see cref="Expect{T}"/>.
/// After each test, every console message the test's sessions saw must be one the troubleshooting guide lists.
/// </summary>
public abstract class BrowserTest(IBrowserEngine browser) : IAsyncLifetime
{
    /// <summary>The trait that names a test class's engine (<c>dotnet test --filter Browser=Firefox</c>).</summary>
    public const string EngineTrait = InstalledBrowsers.EngineTrait;

    /// <summary>The API's host.</summary>
    protected const string ApiHost = "api.example.test";

    /// <summary>The trusted page's host.</summary>
    protected const string AppHost = "app.example.test";

    /// <summary>An untrusted page's host.</summary>
    protected const string EvilHost = "evil.example.test";

    private readonly List<BrowserSession> _sessions = [];

    /// <summary>The engine the scenario runs in.</summary>
    protected BrowserEngine Engine => browser.Engine;

    /// <summary>Opens an isolated session; the test disposes it, and its console is checked after the test.</summary>
    /// <returns>The session.</returns>
    protected async Task<BrowserSession> NewSessionAsync()
    {
        var session = await browser.NewSessionAsync();
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>What the scenario expects in each engine, stated side by side; the running engine's value.</summary>
    /// <typeparam name="T">The expectation's type.</typeparam>
    /// <param name="chromium">Chromium's expectation.</param>
    /// <param name="firefox">Firefox's expectation.</param>
    /// <returns>The expectation for <see cref="Engine"/>.</returns>
    protected T Expect<T>(T chromium, T firefox) => Engine switch
    {
        BrowserEngine.Chromium => chromium,
        BrowserEngine.Firefox => firefox,
        _ => throw new InvalidOperationException($"No expectation for {Engine}."),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        List<string> messages;
        lock (_sessions)
        {
            messages = [.. _sessions.SelectMany(s => s.ConsoleMessages)];
        }

        ObservedConsoleMessages.ShouldAllBeInTheGuide(Engine, messages);
        return Task.CompletedTask;
    }
}
