using CorsKit.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static CorsKit.Testing.Tests.Infrastructure.ScriptedServer;

namespace CorsKit.Testing.Tests.Verdicts;

/// <summary>The preflight cache: max-age, its default, zero, the browsers' caps, and credentials.</summary>
public sealed class PreflightCacheVerdictTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private CorsVerdictEngine EngineWithMaxAge(string? maxAge, out ScriptedServer server, BrowserEngine browser = BrowserEngine.Chromium, bool credentials = false) =>
        Engine(r =>
        {
            var headers = new List<(string, string)> { ("Access-Control-Allow-Origin", r.OriginOf()) };
            if (credentials)
            {
                headers.Add(("Access-Control-Allow-Credentials", "true"));
            }

            if (r.IsPreflight())
            {
                headers.Add(("Access-Control-Allow-Methods", "PUT"));
                if (maxAge is not null)
                {
                    headers.Add(("Access-Control-Max-Age", maxAge));
                }
            }

            return Reply.Ok([.. headers]);
        }, out server, new CorsVerdictOptions { Browser = browser, TimeProvider = _clock });

    private static CorsRequest Put(CredentialsMode credentials = CredentialsMode.SameOrigin) =>
        new(new Uri(Api + "/items/1"), App) { Method = "PUT", Credentials = credentials };

    [Fact]
    public async Task A_second_request_within_max_age_uses_the_cached_answer()
    {
        var engine = EngineWithMaxAge("600", out var server);

        var first = await engine.FetchAsync(Put());
        _clock.Advance(TimeSpan.FromSeconds(599));
        var second = await engine.FetchAsync(Put());

        first.PreflightFromCache.Should().BeFalse();
        second.Allowed.Should().BeTrue();
        second.PreflightRequired.Should().BeTrue();
        second.PreflightFromCache.Should().BeTrue();
        second.Exchanges.Should().ContainSingle().Which.Kind.Should().Be(ExchangeKind.Actual);
        server.Preflights.Should().ContainSingle();
        engine.Cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task After_max_age_the_browser_preflights_again()
    {
        var engine = EngineWithMaxAge("600", out var server);

        await engine.FetchAsync(Put());
        _clock.Advance(TimeSpan.FromSeconds(600));
        var second = await engine.FetchAsync(Put());

        second.PreflightFromCache.Should().BeFalse();
        server.Preflights.Should().HaveCount(2);
    }

    [Fact]
    public async Task Max_age_zero_is_never_cached()
    {
        var engine = EngineWithMaxAge("0", out var server);

        await engine.FetchAsync(Put());
        await engine.FetchAsync(Put());

        server.Preflights.Should().HaveCount(2);
        engine.Cache.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ten")]
    [InlineData("")]
    public async Task An_absent_or_unparsable_max_age_means_five_seconds(string? maxAge)
    {
        var engine = EngineWithMaxAge(maxAge, out var server);

        await engine.FetchAsync(Put());
        _clock.Advance(TimeSpan.FromSeconds(4));
        (await engine.FetchAsync(Put())).PreflightFromCache.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await engine.FetchAsync(Put())).PreflightFromCache.Should().BeFalse();

        server.Preflights.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(BrowserEngine.Chromium, 7200)]
    [InlineData(BrowserEngine.Firefox, 86400)]
    public async Task Each_browser_caps_max_age(BrowserEngine browser, int capSeconds)
    {
        var engine = EngineWithMaxAge("1000000", out var server, browser);

        await engine.FetchAsync(Put());
        _clock.Advance(TimeSpan.FromSeconds(capSeconds - 1));
        (await engine.FetchAsync(Put())).PreflightFromCache.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await engine.FetchAsync(Put())).PreflightFromCache.Should().BeFalse();

        engine.Cache.MaxAgeCap.Should().Be(TimeSpan.FromSeconds(capSeconds));
        server.Preflights.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_answer_for_a_request_without_credentials_never_serves_one_with_credentials()
    {
        var engine = EngineWithMaxAge("600", out var server, credentials: true);

        await engine.FetchAsync(Put());
        var credentialed = await engine.FetchAsync(Put(CredentialsMode.Include));
        var again = await engine.FetchAsync(Put(CredentialsMode.Include));
        var plain = await engine.FetchAsync(Put());

        credentialed.PreflightFromCache.Should().BeFalse();
        again.PreflightFromCache.Should().BeTrue();
        plain.PreflightFromCache.Should().BeTrue("an answer given for credentials also covers a request without them");
        server.Preflights.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_cache_is_per_origin_and_url_and_a_method_it_did_not_allow_is_preflighted()
    {
        var engine = EngineWithMaxAge("600", out var server);

        await engine.FetchAsync(Put());
        await engine.FetchAsync(new CorsRequest(new Uri(Api + "/items/2"), App) { Method = "PUT" });
        await engine.FetchAsync(new CorsRequest(new Uri(Api + "/items/1"), "https://b.example.com") { Method = "PUT" });
        var delete = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/items/1"), App) { Method = "DELETE" });

        delete.Failure.Should().Be(CorsFailure.MethodDisallowedByPreflightResponse);
        server.Preflights.Should().HaveCount(4);
    }

    [Fact]
    public async Task Clear_forgets_every_answer()
    {
        var engine = EngineWithMaxAge("600", out var server);

        await engine.FetchAsync(Put());
        engine.Cache.Clear();
        await engine.FetchAsync(Put());

        server.Preflights.Should().HaveCount(2);
    }
}
