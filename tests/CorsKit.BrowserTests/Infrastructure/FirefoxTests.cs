namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The scenarios run in Firefox share one Firefox and run one after another (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class FirefoxTests : ICollectionFixture<FirefoxFixture>
{
    public const string Name = "firefox";
}
