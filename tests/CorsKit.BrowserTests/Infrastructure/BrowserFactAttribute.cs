namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// A fact that needs Chromium: reported as skipped, with the reason, when <c>/usr/bin/chromium</c> is missing outside
/// CI. In CI (<c>CI=true</c>) it always runs, so a missing browser fails the build instead of hiding the suite.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
