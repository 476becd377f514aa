namespace CorsKit.Testing;

/// <summary>The browser whose CORS behaviour and console messages the verdict engine models.</summary>
public enum BrowserEngine
{
    /// <summary>
    /// Chromium (Chrome, Edge, Opera...). Console texts are Chromium's own, observed in Chromium 156 and taken from
    /// its <c>cors_error_string.cc</c>; the preflight cache is capped at 7200 seconds.
    /// </summary>
    Chromium = 0,

    /// <summary>
    /// Firefox. The same checks as Chromium, except that a redirected preflight's origin is checked before the
    /// redirect is refused; the preflight cache is capped at 86400 seconds. Console
    /// texts are Firefox's own, as observed in Firefox 153 ESR (see <see cref="CorsVerdict.ConsoleMessage"/>).
    /// </summary>
    Firefox = 1,
}
