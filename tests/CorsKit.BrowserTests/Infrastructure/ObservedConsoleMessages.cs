using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Ties what the browsers print to docs/troubleshooting.md: every console message a scenario observes, in either
/// engine, must match a template of <see cref="RefusalCatalog"/> for that engine that the guide quotes verbatim.
/// </summary>
internal static class ObservedConsoleMessages
{
    private static readonly Lazy<string> Guide = new(() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "troubleshooting.md")));

    /// <summary>The templates of one entry for one engine.</summary>
    /// <param name="kind">The entry.</param>
    /// <param name="engine">The engine.</param>
    /// <returns>The templates.</returns>
    public static IReadOnlyList<ConsoleTemplate> TemplatesFor(this RefusalKind kind, BrowserEngine engine) => engine switch
    {
        BrowserEngine.Chromium => kind.Chromium,
        BrowserEngine.Firefox => kind.Firefox,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
    };

    /// <summary>Fails, naming the messages, unless each one is a template the guide quotes.</summary>
    /// <param name="engine">The engine that printed them.</param>
    /// <param name="messages">The console messages.</param>
    public static void ShouldAllBeInTheGuide(BrowserEngine engine, IReadOnlyList<string> messages)
    {
        var unexplained = messages.Where(m => !IsInTheGuide(engine, m)).Distinct().ToList();
        unexplained.Should().BeEmpty(
            "every console message {0} prints in a scenario must match a template of RefusalCatalog "
            + "(tests/CorsKit.Tests/Diagnostics/Guide) that docs/troubleshooting.md quotes verbatim", engine);
    }

    private static bool IsInTheGuide(BrowserEngine engine, string message) =>
        RefusalCatalog.All.SelectMany(k => k.TemplatesFor(engine)).Any(t => t.Matches(message) && Guide.Value.Contains(t.Text, StringComparison.Ordinal));
}
