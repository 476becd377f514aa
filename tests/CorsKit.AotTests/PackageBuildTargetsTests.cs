namespace CorsKit.AotTests;

/// <summary>
/// The MSBuild targets in the package (build/CorsKit.targets) decide the MVC integration's feature switch: off, and
/// passed to the trimmer, for apps that publish with Native AOT or trimming; unset (so on) for every other app, so
/// controllers work with no extra call; and whatever the app sets in <c>CorsKitMvcIntegration</c>.
/// </summary>
[Collection(AotConsumerTestGroup.Name)]
public sealed class PackageBuildTargetsTests(AotConsumerFixture fixture)
{
    private const string SwitchName = "CorsKit.CorsKitMvcIntegration.IsSupported";

    [Fact]
    public async Task App_without_AOT_or_trimming_keeps_the_MVC_integration_and_needs_no_setting()
    {
        var app = await fixture.BuildAsync("jit", "-p:PublishAot=false");

        app.MvcIntegrationSwitch().Should().BeNull("an ordinary app leaves the switch unset, so the integration is on");
        app.MvcApplicationParts().Should().Contain("CorsKit", "the SDK's usual application-part discovery is left alone");
    }

    [Fact]
    public void App_published_with_AOT_was_compiled_with_the_MVC_integration_off()
    {
        var app = new BuiltApp(fixture.Detailed.IntermediateAssemblyDirectory);

        app.MvcIntegrationSwitch().Should().BeFalse("the consumer sets PublishAot=true");
        app.MvcApplicationParts().Should().NotContain("CorsKit", "CorsKit has no controllers; as an application part it would keep MVC in the binary");
        fixture.Detailed.IlcArguments().Should().Contain($"--feature:{SwitchName}=false", "the AOT compiler gets the switch and removes the code behind it");
    }

    [Fact]
    public async Task App_published_trimmed_turns_the_MVC_integration_off_for_the_trimmer()
    {
        var options = await fixture.EvaluateRuntimeOptionsAsync("trimmed", "-p:PublishAot=false", "-p:PublishTrimmed=true");

        options.Should().ContainSingle(o => o.Name == SwitchName).Which.Should().Be(new RuntimeOption(SwitchName, "false", Trim: true));
    }

    [Fact]
    public async Task CorsKitMvcIntegration_property_keeps_the_integration_in_an_AOT_app()
    {
        var options = await fixture.EvaluateRuntimeOptionsAsync("forced", "-p:CorsKitMvcIntegration=true");

        options.Should().ContainSingle(o => o.Name == SwitchName).Which.Should().Be(new RuntimeOption(SwitchName, "true", Trim: true));
    }

    [Fact]
    public async Task CorsKitMvcIntegration_property_can_turn_the_integration_off_in_any_app()
    {
        var options = await fixture.EvaluateRuntimeOptionsAsync("off", "-p:PublishAot=false", "-p:CorsKitMvcIntegration=false");

        options.Should().ContainSingle(o => o.Name == SwitchName).Which.Value.Should().Be("false");
    }
}
