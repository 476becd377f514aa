using Xunit;
using Xunit.Sdk;

namespace CorsKit.TestKit;

/// <summary>
/// The one attribute for a fact that needs a real browser, in every suite. The engine comes from the test class's
/// <c>[Trait("Browser", "Chromium")]</c> (or <c>"Firefox"</c>, see <see cref="InstalledBrowsers.EngineTrait"/>). Outside
/// CI the test is reported as skipped, with the reason, when that engine's browser is not installed; in CI
/// (<c>CI=true</c>) it always runs, so a missing browser fails the build instead of hiding the suite.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("CorsKit.TestKit.BrowserFactDiscoverer", "CorsKit.TestKit")]
public sealed class BrowserFactAttribute : FactAttribute;
