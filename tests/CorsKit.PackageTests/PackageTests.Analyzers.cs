using System.IO.Compression;
using System.Text.RegularExpressions;

namespace CorsKit.PackageTests;

/// <summary>
/// The analyzers as package consumers get them: shipped under analyzers/dotnet/cs, and run by the compiler of an app
/// that only has a PackageReference (tests/CorsKit.AnalyzerConsumer, built once as is and once with two mistakes).
/// </summary>
public sealed partial class PackageTests
{
    private static readonly TimeSpan AnalyzerBuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void Package_ships_the_analyzers_and_code_fixes_for_CSharp()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        package.Entries.Select(e => e.FullName).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Should()
            .BeEquivalentTo(["analyzers/dotnet/cs/CorsKit.Analyzers.dll", "analyzers/dotnet/cs/CorsKit.Analyzers.CodeFixes.dll"]);
    }

    [Fact]
    public async Task Consumer_build_reports_a_trailing_slash_origin_and_UseCorsKit_after_UseAuthorization()
    {
        var output = await BuildAnalyzerConsumerAsync(withMistakes: true);

        var warnings = CorsKitDiagnostic().Matches(output).Select(m => m.Groups["id"].Value).Distinct().Order().ToList();
        warnings.Should().Equal(["CK0001", "CK0003"], "the build output was:{0}{1}", Environment.NewLine, output);
        output.Should().Contain("ProgramWithMistakes.cs(6,").And.Contain("warning CK0001: Origin 'https://app.example.test/' has a trailing slash")
            .And.Contain("ProgramWithMistakes.cs(12,").And.Contain("warning CK0003: UseCorsKit() comes after UseAuthorization()");
    }

    [Fact]
    public async Task Consumer_build_without_the_mistakes_reports_no_CorsKit_diagnostic()
    {
        var output = await BuildAnalyzerConsumerAsync(withMistakes: false);

        CorsKitDiagnostic().Matches(output).Select(m => m.Value).Should().BeEmpty("the build output was:{0}{1}", Environment.NewLine, output);
        output.Should().Contain("0 Warning(s)");
    }

    /// <summary>Copies the consumer to its own folder, restores it from the test feed alone and builds it; returns the
    /// build output (the build must succeed: CK warnings are warnings there).</summary>
    private async Task<string> BuildAnalyzerConsumerAsync(bool withMistakes)
    {
        var consumer = Path.Combine(fixture.WorkDirectory, withMistakes ? "analyzer-consumer-mistakes" : "analyzer-consumer-clean");
        CopyConsumer(Path.Combine(fixture.RepositoryRoot, "tests", "CorsKit.AnalyzerConsumer"), consumer);
        var project = Path.Combine(consumer, "CorsKit.AnalyzerConsumer.csproj");
        var properties = new[] { "-p:CorsKitVersion=" + fixture.Version, "-p:WithMistakes=" + (withMistakes ? "true" : "false") };

        var restore = await ProcessRunner.RunDotnetAsync(
            consumer, AnalyzerBuildTimeout,
            ["restore", project, "--source", fixture.FeedDirectory, "--packages", Path.Combine(consumer, "pkgs"), "--disable-build-servers", .. properties]);
        restore.ShouldSucceed();

        var build = await ProcessRunner.RunDotnetAsync(
            consumer, AnalyzerBuildTimeout,
            ["build", project, "--no-restore", "-c", "Release", "--disable-build-servers", "-nodeReuse:false", .. properties]);
        build.ShouldSucceed();
        return build.Output;
    }

    private static void CopyConsumer(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    [GeneratedRegex(@"(?:warning|error|info) (?<id>CK\d{4})", RegexOptions.CultureInvariant)]
    private static partial Regex CorsKitDiagnostic();
}
