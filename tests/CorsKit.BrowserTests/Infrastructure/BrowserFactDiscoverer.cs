using Xunit.Abstractions;
using Xunit.Sdk;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Discovers <see cref="BrowserFactAttribute"/> tests: skipped, with the reason, when the engine of the test's class
/// (its <c>Browser</c> trait) is not installed and the run is not in CI; otherwise an ordinary fact.
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
        var engine = testClass.GetCustomAttributes(typeof(TraitAttribute))
            .Select(t => t.GetConstructorArguments().Cast<string>().ToArray())
            .Where(args => args[0] == BrowserTest.EngineTrait)
            .Select(args => Enum.Parse<BrowserEngine>(args[1]))
            .Cast<BrowserEngine?>()
            .SingleOrDefault();
        return engine switch
        {
            BrowserEngine.Chromium => Chromium.SkipReason,
            BrowserEngine.Firefox => Firefox.SkipReason,
            _ => $"{testClass.Name} names no engine: add [Trait(\"{BrowserTest.EngineTrait}\", \"Chromium\")] or \"Firefox\".",
        };
    }
}
