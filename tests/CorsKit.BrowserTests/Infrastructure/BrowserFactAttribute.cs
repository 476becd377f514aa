using Xunit.Sdk;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// A fact that needs a browser. It runs once per engine, in the class that derives the scenario for that engine
/// (<see cref="BrowserTest"/>). Outside CI it is reported as skipped, with the reason, when that engine's browser is
/// not installed; in CI (<c>CI=true</c>) it always runs, so a missing browser fails the build instead of hiding the
/// suite.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("CorsKit.BrowserTests.Infrastructure.BrowserFactDiscoverer", "CorsKit.BrowserTests")]
public sealed class BrowserFactAttribute : FactAttribute;
