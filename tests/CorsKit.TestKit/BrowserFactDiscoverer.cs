using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CorsKit.TestKit;

/// <summary>
/// Discovers <see cref="BrowserFactAttribute"/> tests: skipped, with the reason, when the engine of the test's class
/// (its <c>Browser</c> trait) is not installed and the run is not in CI; otherwise an ordinary fact. A class that names
/// no engine is reported as skipped with the fix, never run against a guessed browser.
/// </summary>
public sealed class BrowserFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var skipReason = SkipReason(testMethod.TestClass.Class);
        yield return skipReason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skipReason);
    }

    private static string? SkipReason(ITypeInfo testClass)
    {
        var engines = testClass.GetCustomAttributes(typeof(TraitAttribute))
            .Select(t => t.GetConstructorArguments().Cast<string>().ToArray())
            .Where(args => args[0] == InstalledBrowsers.EngineTrait)
            .Select(args => args[1])
            .ToList();
        return engines switch
        {
            ["Chromium"] => InstalledBrowsers.ChromiumSkipReason,
            ["Firefox"] => InstalledBrowsers.FirefoxSkipReason,
            _ => $"{testClass.Name} names no single engine: add [Trait(\"{InstalledBrowsers.EngineTrait}\", \"Chromium\")] or \"Firefox\".",
        };
    }
}
