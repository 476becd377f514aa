namespace CorsKit.Testing.Apps;

/// <summary>How <see cref="CorsAppCheck"/> builds each endpoint's preflight.</summary>
public sealed class CorsAppCheckOptions
{
    /// <summary>
    /// The origin to preflight from when a policy lists no exact origin (only patterns such as
    /// <c>https://*.example.com</c>, or a predicate). A policy's first exact origin is always preferred; for an
    /// any-origin policy without this, <c>https://any-origin.example</c> is used.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>Route values by parameter name, for parameters whose sample would not do (a <c>regex</c> constraint,
    /// an id that must exist for a filter to pass).</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The browser to model. Default Chromium.</summary>
    public BrowserEngine Browser { get; init; } = BrowserEngine.Chromium;
}
