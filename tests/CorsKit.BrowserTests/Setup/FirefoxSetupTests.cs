using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Setup;

/// <summary>
/// The parts of the Firefox set-up that keep the suite on loopback and on plain http, checked without a browser:
/// a mistake here would make Firefox reach for real DNS or upgrade the tests' origins to https.
/// </summary>
public sealed class FirefoxSetupTests
{
    [Fact]
    public void The_profile_resolves_every_test_host_to_loopback_and_never_upgrades_to_https()
    {
        var userJs = Firefox.UserPreferences();

        userJs.Should().Contain($"user_pref(\"network.dns.localDomains\", \"{string.Join(",", TestHosts.All)}\");");
        userJs.Should().Contain("user_pref(\"dom.security.https_first\", false);")
            .And.Contain("user_pref(\"dom.security.https_only_mode\", false);")
            .And.Contain("user_pref(\"network.proxy.type\", 0);")
            .And.Contain("user_pref(\"toolkit.telemetry.enabled\", false);")
            .And.Contain("user_pref(\"app.update.auto\", false);");
        userJs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().AllSatisfy(line => line.Should().MatchRegex("^user_pref\\(\"[A-Za-z0-9_.-]+\", .+\\);$"));
    }

    [Fact]
    public void Every_test_host_is_under_example_test_so_Chromium_maps_it_too()
    {
        TestHosts.All.Should().OnlyHaveUniqueItems().And.AllSatisfy(host => host.Should().EndWith(".example.test"));
        Chromium.Arguments.Should().Contain("--host-resolver-rules=MAP *.example.test 127.0.0.1");
    }

    [Fact]
    public async Task A_host_Firefox_could_not_resolve_is_refused_with_the_fix()
    {
        await using var site = await KestrelSite.StartPageAsync();

        var act = () => site.OriginFor("new.example.test");

        act.Should().Throw<ArgumentException>().WithMessage("*'new.example.test' is not in TestHosts.All*add it there*");
        site.OriginFor("evil.example.test").Should().Be($"http://evil.example.test:{site.Port}");
    }
}
