namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// One running browser shared by a test collection. Every session it opens is isolated from the others (own cookies,
/// HTTP cache and preflight cache), so scenarios never see each other's state.
/// </summary>
public interface IBrowserEngine
{
    /// <summary>Which engine this is.</summary>
    BrowserEngine Engine { get; }

    /// <summary>Opens an isolated session with one page; dispose it at the end of the test.</summary>
    /// <returns>The session.</returns>
    Task<BrowserSession> NewSessionAsync();
}
