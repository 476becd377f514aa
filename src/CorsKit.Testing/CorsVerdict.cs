using System.Text;

namespace CorsKit.Testing;

/// <summary>
/// What the browser decided about one <c>fetch()</c>: every exchange it made, whether script may read the response,
/// and, when it may not, the console text the browser prints with the most likely cause and its fix.
/// </summary>
public sealed class CorsVerdict
{
    internal CorsVerdict(CorsRequest request, BrowserEngine browser)
    {
        Request = request;
        Browser = browser;
    }

    /// <summary>The request that was judged.</summary>
    public CorsRequest Request { get; }

    /// <summary>The browser whose behaviour was modelled.</summary>
    public BrowserEngine Browser { get; }

    /// <summary>True when the browser lets script read the response (the <c>fetch()</c> promise resolves).</summary>
    public bool Allowed => Failure == CorsFailure.None;

    /// <summary>Why the browser refused, or <see cref="CorsFailure.None"/>.</summary>
    public CorsFailure Failure { get; internal set; }

    /// <summary>True when the refusal came from the preflight (the actual request was never sent).</summary>
    public bool FailedAtPreflight { get; internal set; }

    /// <summary>
    /// The console text the browser prints for the refusal, verbatim (empty when allowed). Empty too where the
    /// browser's wording is not known (for Firefox: a redirect with credentials, unparsable lists, too many
    /// redirects), and for a network error, which has no CORS text (Chromium prints a <c>net::ERR_…</c> code).
    /// </summary>
    public string ConsoleMessage { get; internal set; } = string.Empty;

    /// <summary>The most likely cause of the refusal, in plain words (empty when allowed).</summary>
    public string Cause { get; internal set; } = string.Empty;

    /// <summary>How to fix it (empty when allowed).</summary>
    public string Fix { get; internal set; } = string.Empty;

    /// <summary>Every exchange the browser made, in order (preflight first).</summary>
    public IReadOnlyList<CorsExchange> Exchanges { get; internal set; } = [];

    /// <summary>True when the request needed a preflight (a non-safelisted method or header).</summary>
    public bool PreflightRequired { get; internal set; }

    /// <summary>True when a cached preflight answer was used, so no preflight was sent.</summary>
    public bool PreflightFromCache { get; internal set; }

    /// <summary>The status script reads (0 when refused, as in browsers).</summary>
    public int Status { get; internal set; }

    /// <summary>The response headers script can read (safelisted ones and the exposed ones), by lower-case name.
    /// Empty when refused.</summary>
    public IReadOnlyDictionary<string, string> ReadableHeaders { get; internal set; } = new Dictionary<string, string>();

    /// <summary>The body script reads, or <see langword="null"/> when refused.</summary>
    public string? Body { get; internal set; }

    /// <summary>Where the Fetch standard would decide otherwise than the modelled browser (e.g.
    /// <c>Access-Control-Allow-Headers: *</c> covering <c>Authorization</c>). Empty when they agree.</summary>
    public IReadOnlyList<string> StandardNotes { get; internal set; } = [];

    /// <summary>Throws unless the browser lets script read the response.</summary>
    /// <returns>This verdict.</returns>
    /// <exception cref="CorsExpectationException">The browser refused; the message says why and how to fix it.</exception>
    public CorsVerdict EnsureAllowed()
    {
        if (!Allowed)
        {
            throw new CorsExpectationException($"Expected the browser to allow {Describe()}, but it blocks it.\n{this}", this);
        }

        return this;
    }

    /// <summary>Throws unless the browser refuses the response.</summary>
    /// <param name="failure">The expected reason, or <see langword="null"/> for any.</param>
    /// <returns>This verdict.</returns>
    /// <exception cref="CorsExpectationException">The browser allowed it, or refused it for another reason.</exception>
    public CorsVerdict EnsureBlocked(CorsFailure? failure = null)
    {
        if (Allowed)
        {
            throw new CorsExpectationException($"Expected the browser to block {Describe()}, but script can read it (status {Status}).\n{this}", this);
        }

        if (failure is { } expected && expected != Failure)
        {
            throw new CorsExpectationException($"Expected the browser to block {Describe()} with {expected}, but it fails with {Failure}.\n{this}", this);
        }

        return this;
    }

    /// <summary>The whole report: verdict, console text, cause, fix, notes and exchanges.</summary>
    /// <returns>Text for a test failure or a terminal.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Allowed)
        {
            text.Append("Allowed: ").Append(Browser).Append(" lets script read the response (status ").Append(Status).Append(").\n");
        }
        else
        {
            text.Append("Blocked (").Append(Failure).Append(FailedAtPreflight ? ", at the preflight" : string.Empty).Append(").\n");
            if (ConsoleMessage.Length > 0)
            {
                text.Append(Browser).Append(" console: ").Append(ConsoleMessage).Append('\n');
            }

            text.Append("Cause: ").Append(Cause).Append('\n');
            text.Append("Fix: ").Append(Fix).Append('\n');
        }

        foreach (var note in StandardNotes)
        {
            text.Append("Standard: ").Append(note).Append('\n');
        }

        if (PreflightFromCache)
        {
            text.Append("The preflight answer came from the browser's preflight cache.\n");
        }

        foreach (var exchange in Exchanges)
        {
            text.Append(exchange);
        }

        return text.ToString();
    }

    private string Describe() => $"{Request.Method} {Request.Url.AbsoluteUri} from {Request.Origin} (credentials: {Request.Credentials})";
}
