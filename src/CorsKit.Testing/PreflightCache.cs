using CorsKit.Testing.Fetch;

namespace CorsKit.Testing;

/// <summary>
/// The browser's CORS-preflight cache: an allowed preflight answer is reused for later requests from the same origin
/// to the same URL while its <c>Access-Control-Max-Age</c> lasts (default 5 s, capped at 7200 s by Chromium and
/// 86400 s by Firefox, 0 means not at all). Like Chromium it keeps one answer per (origin, URL), and an answer
/// obtained without credentials never serves a request with credentials.
/// </summary>
public sealed class PreflightCache
{
    private readonly Dictionary<(string Origin, string Url), Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty cache for a browser.</summary>
    /// <param name="browser">The browser whose cap applies.</param>
    /// <param name="clock">The clock that decides when entries expire.</param>
    public PreflightCache(BrowserEngine browser, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Browser = browser;
        _clock = clock;
    }

    /// <summary>The browser whose cap applies.</summary>
    public BrowserEngine Browser { get; }

    /// <summary>The longest time this browser keeps a preflight answer.</summary>
    public TimeSpan MaxAgeCap => MaxAgeCapOf(Browser);

    /// <summary>Live (unexpired) entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                return _entries.Values.Count(e => e.Expires > now);
            }
        }
    }

    /// <summary>The cap a browser applies to <c>Access-Control-Max-Age</c>.</summary>
    /// <param name="browser">The browser.</param>
    /// <returns>7200 s for Chromium, 86400 s for Firefox.</returns>
    public static TimeSpan MaxAgeCapOf(BrowserEngine browser) =>
        browser == BrowserEngine.Firefox ? TimeSpan.FromSeconds(86400) : TimeSpan.FromSeconds(7200);

    /// <summary>Forgets every answer (a new browser profile).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal bool CanSkipPreflight(string origin, Uri url, bool withCredentials, string method, IReadOnlyList<string> unsafeHeaderNames)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue((origin, url.AbsoluteUri), out var entry))
            {
                return false;
            }

            if (entry.Expires <= _clock.GetUtcNow())
            {
                _entries.Remove((origin, url.AbsoluteUri));
                return false;
            }

            var answer = entry.Answer;
            return (answer.WithCredentials || !withCredentials)
                && answer.AllowsMethod(method)
                && answer.FirstRefusedHeader(unsafeHeaderNames) is null;
        }
    }

    internal void Store(string origin, Uri url, PreflightAnswer answer)
    {
        lock (_gate)
        {
            if (answer.MaxAge <= TimeSpan.Zero)
            {
                _entries.Remove((origin, url.AbsoluteUri));
                return;
            }

            _entries[(origin, url.AbsoluteUri)] = new Entry(answer, _clock.GetUtcNow() + answer.MaxAge);
        }
    }

    private sealed record Entry(PreflightAnswer Answer, DateTimeOffset Expires);
}
