using System.Collections.Concurrent;
using WebDriverBiDi;
using WebDriverBiDi.BrowsingContext;
using WebDriverBiDi.Log;
using WebDriverBiDi.Session;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// One Firefox for the Firefox collection, driven over WebDriver BiDi. Each session gets its own user context, so
/// cookies, the HTTP cache and the preflight cache never leak between tests. Console messages arrive as
/// <c>log.entryAdded</c> events for the whole browser and are routed to the session whose tab (or one of its iframes)
/// logged them: Firefox names the browsing context of an entry, not its user context.
/// </summary>
public sealed class FirefoxFixture : IBrowserEngine, IAsyncLifetime
{
    // Browsing context id (a tab, or an iframe in it) -> the console of the session that owns it.
    private readonly ConcurrentDictionary<string, ConsoleLog> _consoles = new();
    private FirefoxProcess? _process;
    private BiDiDriver? _driver;
    private Exception? _launchError;

    public BrowserEngine Engine => BrowserEngine.Firefox;

    public async Task InitializeAsync()
    {
        if (Firefox.SkipReason is not null)
        {
            return;
        }

        try
        {
            _process = await FirefoxProcess.StartAsync();
            _driver = new BiDiDriver(Firefox.CommandTimeout);
            _driver.Log.OnEntryAdded.AddObserver(OnLogEntry);
            _driver.BrowsingContext.OnContextCreated.AddObserver(OnContextCreated);
            await _driver.StartAsync(_process.WebSocketUrl);
            await _driver.Session.NewSessionAsync(new NewCommandParameters());
            await _driver.Session.SubscribeAsync(new SubscribeCommandParameters(["log.entryAdded", "browsingContext.contextCreated"], null, null));
        }
#pragma warning disable CA1031 // Reported by every test that needs the browser, with the cause.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _launchError = exception;
            await StopAsync();
        }
    }

    public async Task<BrowserSession> NewSessionAsync()
    {
        if (_driver is null)
        {
            throw new InvalidOperationException(
                $"Firefox could not be launched from {Firefox.ExecutablePath} (run .ci/install): {_launchError?.Message}", _launchError);
        }

        var console = new ConsoleLog();
        var tab = await FirefoxTab.OpenAsync(_driver, context => _consoles[context] = console, () => Forget(console));
        return new BrowserSession(Engine, tab, console);
    }

    public Task DisposeAsync() => StopAsync();

    private void OnLogEntry(EntryAddedEventArgs entry)
    {
        if (_consoles.TryGetValue(entry.Source.BrowsingContextId ?? string.Empty, out var console))
        {
            console.Add(entry.Text ?? string.Empty);
        }
    }

    // Events arrive in order on one connection, so an iframe's creation is seen before anything it logs.
    private void OnContextCreated(ContextCreatedEventArgs created)
    {
        if (created.Parent is { } parent && _consoles.TryGetValue(parent, out var console))
        {
            _consoles[created.BrowsingContextId] = console;
        }
    }

    private void Forget(ConsoleLog console)
    {
        foreach (var owned in _consoles.Where(c => ReferenceEquals(c.Value, console)).ToList())
        {
            _consoles.TryRemove(owned);
        }
    }

    private async Task StopAsync()
    {
        if (_driver is not null)
        {
            try
            {
                await _driver.StopAsync();
            }
#pragma warning disable CA1031 // The process is killed next in any case.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            await _driver.DisposeAsync();
            _driver = null;
        }

        _process?.Dispose();
        _process = null;
    }
}
