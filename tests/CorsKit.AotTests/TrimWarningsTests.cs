namespace CorsKit.AotTests;

/// <summary>The warning filter the AOT checks rely on: it must catch every form in which the compiler reports a
/// CorsKit problem, and nothing about the consumer app itself. The IL2091 and IL2104 lines are the compiler's real
/// output when the constructor annotation of <c>AddCorsKitPolicyProvider&lt;TProvider&gt;</c> was removed.</summary>
public sealed class TrimWarningsTests
{
    [Theory]
    [InlineData("/work/src/CorsKit/DependencyInjection/CorsKitServiceCollectionExtensions.cs(107): Trim analysis warning IL2091: Microsoft.Extensions.DependencyInjection.CorsKitServiceCollectionExtensions.AddCorsKitPolicyProvider<TProvider>(IServiceCollection): 'TImplementation' generic argument does not satisfy 'DynamicallyAccessedMemberTypes.PublicConstructors' in 'Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TService,TImplementation>(IServiceCollection)'. [/tmp/aot-tests-1/detailed/CorsKit.AotConsumer.csproj]")]
    [InlineData("/root/.nuget/packages/corskit/0.0.0-aot.t1/lib/net10.0/CorsKit.dll : warning IL2104: Assembly 'CorsKit' produced trim warnings. For more information see https://aka.ms/il2104 [/tmp/aot-tests-1/default/CorsKit.AotConsumer.csproj]")]
    [InlineData("/root/.nuget/packages/corskit/0.0.0-aot.t1/lib/net10.0/CorsKit.dll : warning IL3053: Assembly 'CorsKit' produced AOT analysis warnings. [/tmp/aot-tests-1/default/CorsKit.AotConsumer.csproj]")]
    [InlineData("/_/src/CorsKit/Middleware/PolicyStore.cs(12): AOT analysis warning IL3050: CorsKit.Middleware.PolicyStore.Load(): Using member 'System.Enum.GetValues(Type)' which has 'RequiresDynamicCodeAttribute' can break functionality when AOT compiling.")]
    public void Warnings_naming_CorsKit_are_found(string line)
    {
        var output = $"  Determining projects to restore...{Environment.NewLine}{line}{Environment.NewLine}  Generating native code";

        TrimWarnings.FromCorsKit(output).Should().Equal(line);
    }

    [Theory]
    [InlineData("/tmp/aot-tests-1/detailed/Program.cs(12): Trim analysis warning IL2026: Program.<Main>$(String[]): Using member 'Some.Library.Load()' which has 'RequiresUnreferencedCodeAttribute'. [/tmp/aot-tests-1/detailed/CorsKit.AotConsumer.csproj]")]
    [InlineData("/root/.nuget/packages/some.library/1.0.0/lib/net10.0/Some.Library.dll : warning IL2104: Assembly 'Some.Library' produced trim warnings. [/tmp/aot-tests-1/default/CorsKit.AotConsumer.csproj]")]
    [InlineData("/tmp/x/CorsKit.AotConsumer.csproj : warning NU1603: CorsKit 1.0.0 depends on Foo (>= 1.0.0) but Foo 1.0.0 was not found.")]
    public void Warnings_about_the_app_or_other_libraries_are_not_blamed_on_CorsKit(string line)
    {
        TrimWarnings.FromCorsKit(line).Should().BeEmpty();
    }

    [Fact]
    public void A_warning_repeated_in_the_build_summary_is_reported_once()
    {
        const string line = "/root/.nuget/packages/corskit/1.0.0/lib/net10.0/CorsKit.dll : warning IL2104: Assembly 'CorsKit' produced trim warnings. [/tmp/a/CorsKit.AotConsumer.csproj]";

        TrimWarnings.All($"{line}\n\nBuild succeeded.\n    {line}\n    1 Warning(s)").Should().Equal(line);
    }
}
