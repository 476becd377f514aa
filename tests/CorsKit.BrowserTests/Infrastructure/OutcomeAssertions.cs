using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The browser's verdict and what script could read, stated once for every scenario.</summary>
internal static class OutcomeAssertions
{
    /// <summary>The fetch resolved: the browser's CORS checks passed and script sees the response.</summary>
    public static void ShouldBeReadable(this FetchOutcome outcome, int status = 200)
    {
        outcome.Resolved.Should().BeTrue($"the browser should let script read the response, but fetch rejected with '{outcome.Error}'");
        outcome.Status.Should().Be(status);
    }

    /// <summary>The fetch rejected with a TypeError and script learnt nothing: no status, no body, no header.</summary>
    public static void ShouldBeBlocked(this FetchOutcome outcome)
    {
        outcome.Resolved.Should().BeFalse($"the browser should block the response, but script read status {outcome.Status} and body '{outcome.Body}'");
        outcome.Error.Should().StartWith("TypeError", "a CORS failure surfaces as a TypeError");
        outcome.Status.Should().Be(0);
        outcome.Body.Should().BeNull();
        outcome.Headers.Should().BeEmpty();
    }

    /// <summary>
    /// The session's console shows the engine's message for <paramref name="kind"/> (a template of the troubleshooting
    /// guide) containing every fragment, e.g. the URL fetched. Waits up to five seconds for it.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="kind">The refusal kind the browser should report.</param>
    /// <param name="fragments">Text the message must also contain.</param>
    /// <returns>The message.</returns>
    public static async Task<string> ShouldHaveLoggedAsync(this BrowserSession session, RefusalKind kind, params string[] fragments)
    {
        var templates = kind.TemplatesFor(session.Engine);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var match = session.ConsoleMessages.FirstOrDefault(m =>
                templates.Any(t => t.Matches(m)) && fragments.All(f => m.Contains(f, StringComparison.Ordinal)));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException(
            $"{session.Engine} should have logged '{kind.Heading}' ({string.Join(" or ", templates)}) containing "
            + $"[{string.Join(", ", fragments)}]; its console: {string.Join(" | ", session.ConsoleMessages)}");
    }
}
