using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CorsKit.PackageTests;

/// <summary>
/// The NuGet package as users get it: its contents and manifest, and a web app that references it by
/// PackageReference from a folder feed and answers real preflights over loopback HTTP.
/// </summary>
public sealed partial class PackageTests(PackedConsumerFixture fixture) : IClassFixture<PackedConsumerFixture>
{
    private const string VaryPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    [Fact]
    public void Pack_reports_no_warning()
    {
        WarningLine().Matches(fixture.PackOutput).Select(m => m.Value).Should().BeEmpty(
            "'dotnet pack' must warn about nothing; its output was:{0}{1}", Environment.NewLine, fixture.PackOutput);
    }

    [Fact]
    public void Package_contains_the_library_its_xml_documentation_and_the_readme()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Should()
            .BeEquivalentTo(["lib/net10.0/CorsKit.dll", "lib/net10.0/CorsKit.xml"], "the package ships one assembly and its documentation");

        var ns = fixture.ReadNuspec().Root!.Name.Namespace;
        var readme = fixture.ReadNuspec().Root!.Element(ns + "metadata")!.Element(ns + "readme")?.Value;
        readme.Should().NotBeNullOrEmpty("nuget.org shows the package README named in the manifest");
        entries.Should().Contain(readme!.Replace('\\', '/'));
        using (var reader = new StreamReader(package.GetEntry(readme.Replace('\\', '/'))!.Open()))
        {
            var text = reader.ReadToEnd();
            text.Should().StartWith("# CorsKit").And.Contain("AddCorsKit").And.Contain("UseCorsKit");
        }

        using var docs = package.GetEntry("lib/net10.0/CorsKit.xml")!.Open();
        var members = XDocument.Load(docs).Descendants("member").Select(m => (string)m.Attribute("name")!).ToList();
        members.Should().Contain(["T:CorsKit.CorsKitPolicyBuilder", "T:CorsKit.EnableCorsKitAttribute", "T:CorsKit.CorsKitOptions"]);
        members.Should().Contain(m => m.StartsWith("M:Microsoft.Extensions.DependencyInjection.CorsKitServiceCollectionExtensions.AddCorsKit", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_depends_on_nothing_but_the_AspNetCore_shared_framework()
    {
        var nuspec = fixture.ReadNuspec();
        var ns = nuspec.Root!.Name.Namespace;

        nuspec.Descendants(ns + "dependency").Select(d => (string?)d.Attribute("id")).Should()
            .BeEmpty("CorsKit needs only the shared framework; a package dependency would leak into every app");
        nuspec.Descendants(ns + "frameworkReference").Select(d => (string?)d.Attribute("name")).Should()
            .Equal("Microsoft.AspNetCore.App");
        nuspec.Descendants(ns + "group").Select(g => (string?)g.Attribute("targetFramework")).Distinct().Should().Equal("net10.0");
    }

    [Fact]
    public void Package_manifest_carries_the_metadata_nuget_org_shows()
    {
        var nuspec = fixture.ReadNuspec();
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        metadata.Element(ns + "id")!.Value.Should().Be("CorsKit");
        metadata.Element(ns + "license")!.Value.Should().Be("MIT");
        ((string?)metadata.Element(ns + "license")!.Attribute("type")).Should().Be("expression");
        metadata.Element(ns + "description")!.Value.Should().Contain("CORS");
        metadata.Element(ns + "authors")!.Value.Should().NotBeNullOrWhiteSpace();
        metadata.Element(ns + "tags")!.Value.Split(' ').Should().Contain(["cors", "aspnetcore"]);
        metadata.Element(ns + "projectUrl")!.Value.Should().StartWith("https://github.com/");
        metadata.Element(ns + "releaseNotes")!.Value.Should().Contain("CHANGELOG.md");
        ((string?)metadata.Element(ns + "repository")?.Attribute("type")).Should().Be("git");
    }

    [Fact]
    public void Symbols_package_holds_the_portable_pdb()
    {
        using var symbols = ZipFile.OpenRead(fixture.SymbolsPackagePath);
        symbols.Entries.Select(e => e.FullName).Should().Contain("lib/net10.0/CorsKit.pdb");
        Path.GetFileName(fixture.SymbolsPackagePath).Should().Be($"CorsKit.{fixture.Version}.snupkg");
    }

    [Fact]
    public void Consumer_runs_the_assembly_from_the_packed_package()
    {
        Directory.Exists(Path.Combine(fixture.PackagesDirectory, "corskit", fixture.Version.ToLowerInvariant())).Should()
            .BeTrue("the consumer restores CorsKit {0} from the folder feed into its own package cache", fixture.Version);

        using var package = ZipFile.OpenRead(fixture.PackagePath);
        using var packed = new MemoryStream();
        using (var dll = package.GetEntry("lib/net10.0/CorsKit.dll")!.Open())
        {
            dll.CopyTo(packed);
        }

        File.ReadAllBytes(Path.Combine(fixture.ConsumerOutputDirectory, "CorsKit.dll")).Should().Equal(packed.ToArray());
    }

    [Fact]
    public async Task Preflight_to_a_controller_action_is_answered_with_the_EnableCorsKit_attribute_policy()
    {
        using var response = await SendPreflight("/api/orders/7", "https://partner.example.test", "PATCH", "authorization,content-type");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(response).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Headers"] = "authorization, content-type",
            ["Access-Control-Allow-Methods"] = "PATCH",
            ["Access-Control-Allow-Origin"] = "https://partner.example.test",
        });
        Header(response, "Vary").Should().Be(VaryPreflight);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty("the middleware answers the preflight; the action never runs");
    }

    [Fact]
    public async Task Preflight_to_a_PUT_only_minimal_api_endpoint_is_answered_with_the_default_policy()
    {
        using var response = await SendPreflight("/api/items/3", "https://app.example.test", "PUT", "x-request-id");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(response).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Allow-Headers"] = "content-type, x-request-id",
            ["Access-Control-Allow-Methods"] = "PUT, DELETE",
            ["Access-Control-Allow-Origin"] = "https://app.example.test",
            ["Access-Control-Max-Age"] = "600",
        });
        Header(response, "Vary").Should().Be(VaryPreflight);
    }

    [Fact]
    public async Task Preflight_to_an_endpoint_with_the_RequireCorsKit_convention_uses_the_named_policy()
    {
        using var response = await SendPreflight("/public/items/3", "https://anyone.example.org", "PUT", "x-custom");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(response).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Headers"] = "x-custom",
            ["Access-Control-Allow-Methods"] = "*",
            ["Access-Control-Allow-Origin"] = "*",
        });
    }

    [Fact]
    public async Task Preflight_from_an_origin_the_policy_does_not_list_gets_no_CORS_headers()
    {
        using var response = await SendPreflight("/api/orders/7", "https://partner.example.test.evil.example", "PATCH", null);

        AccessControlHeaders(response).Should().BeEmpty("a refused origin must not learn anything about the policy");
        Header(response, "Vary").Should().Be(VaryPreflight);
    }

    [Fact]
    public async Task Actual_request_from_a_wildcard_subdomain_origin_gets_allow_origin_and_vary()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Add("Origin", "https://eu.partners.example.test");
        using var response = await fixture.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AccessControlHeaders(response).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "https://eu.partners.example.test",
        });
        Header(response, "Vary").Should().Be("Origin");
        (await response.Content.ReadAsStringAsync()).Should().Be("""[{"id":1}]""");
    }

    private async Task<HttpResponseMessage> SendPreflight(string path, string origin, string method, string? requestHeaders)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (requestHeaders is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
        }

        return await fixture.Client.SendAsync(request);
    }

    private static SortedDictionary<string, string> AccessControlHeaders(HttpResponseMessage response) =>
        new(response.Headers.NonValidated
                .Concat(response.Content.Headers.NonValidated)
                .Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString()),
            StringComparer.Ordinal);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    [GeneratedRegex(@"^.*\bwarning\b.*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
