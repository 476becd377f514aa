namespace CorsKit.AotTests;

/// <summary>
/// What the Native AOT compiler says about CorsKit, and what it puts in the binary. Trim and AOT warnings from
/// CorsKit are failures: each one is a place where the published app can behave differently from the app under
/// <c>dotnet run</c> (the issue that started this: IL2091 on <c>AddCorsKitPolicyProvider&lt;T&gt;</c>, then a crash at
/// startup because the provider's constructor had been trimmed away).
/// </summary>
[Collection(AotConsumerTestGroup.Name)]
public sealed class AotPublishTests(AotConsumerFixture fixture)
{
    [Fact]
    public void Publish_with_detailed_warnings_reports_no_trim_or_AOT_warning_from_CorsKit()
    {
        fixture.Detailed.Output.Should().Contain("Generating native code", "the app was compiled with Native AOT, so the analysis ran");
        TrimWarnings.FromCorsKit(fixture.Detailed.Output).Should().BeEmpty(
            "CorsKit is trim- and AOT-safe (TrimmerSingleWarn=false lists every warning); all IL warnings of the publish:{0}{1}",
            Environment.NewLine, string.Join(Environment.NewLine, TrimWarnings.All(fixture.Detailed.Output)));
    }

    [Fact]
    public void Publish_with_default_warning_settings_reports_no_IL2104_or_IL3053_for_CorsKit()
    {
        fixture.Default.Output.Should().Contain("Generating native code");
        TrimWarnings.FromCorsKit(fixture.Default.Output).Should().BeEmpty(
            "a package consumer sees CorsKit's warnings summed up as \"Assembly 'CorsKit' produced trim warnings\"; all IL warnings of the publish:{0}{1}",
            Environment.NewLine, string.Join(Environment.NewLine, TrimWarnings.All(fixture.Default.Output)));
    }

    [Fact]
    public void Binary_contains_CorsKit_but_no_MVC_code()
    {
        var map = MstatFile.Read(fixture.Detailed.MstatPath);

        // Positive controls: the size map is read correctly and CorsKit really is in the binary.
        map.Assemblies.Should().Contain(["CorsKit", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Server.Kestrel.Core"]);
        map.MethodBytesByAssembly.GetValueOrDefault("CorsKit").Should().BeGreaterThan(10_000, "CorsKit's middleware and evaluator are compiled in");

        map.Assemblies.Where(a => a.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)).Should().BeEmpty(
            "a minimal-API app must not carry MVC because of CorsKit: the MVC integration is behind a feature switch the "
            + "package's build targets turn off for PublishAot, and CorsKit is taken out of the MVC application parts");
        map.TypeNames.Where(t => t.StartsWith("[Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)).Should().BeEmpty();
    }
}
