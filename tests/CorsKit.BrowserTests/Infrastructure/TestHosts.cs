namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Every host name a scenario loads a page from or fetches. Chromium maps all of <c>*.example.test</c> to 127.0.0.1
/// with one rule; Firefox has no such switch and resolves exactly the names listed here to loopback
/// (<c>network.dns.localDomains</c>), so a scenario that uses a new host name must add it here.
/// </summary>
internal static class TestHosts
{
    public static readonly IReadOnlyList<string> All =
    [
        "api.example.test",
        "app.example.test",
        "evil.example.test",
        "partner.example.test",
        "a.b.example.test",
        "x.a.b.example.test",
        "b.example.test",
        "ab.example.test",
        "app.example.test.b.example.test",
        "xapp.example.test",
    ];
}
