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
}
