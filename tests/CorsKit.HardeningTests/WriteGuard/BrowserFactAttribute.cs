namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>
/// A fact that needs Chromium at <see cref="ChromiumPath"/>. Outside CI it is skipped, with the reason, when Chromium is
/// missing; with <c>CI=true</c> it always runs (and fails if Chromium is missing), so CI cannot pass by skipping it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(ChromiumPath) && !isCi)
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium); browser tests run whenever CI=true.";
        }
    }
}
