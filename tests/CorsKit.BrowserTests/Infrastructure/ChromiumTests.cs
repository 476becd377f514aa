namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The scenarios run in Chromium share one Chromium and run one after another (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
