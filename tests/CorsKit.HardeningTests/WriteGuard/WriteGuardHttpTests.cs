using System.Net;
using CorsKit.HardeningTests.Infrastructure;
using Microsoft.Extensions.Logging;
using static CorsKit.HardeningTests.Infrastructure.RawHttp;

namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>The opt-in write guard over real HTTP (Kestrel, HttpClient and raw sockets).</summary>
public sealed class WriteGuardHttpTests : IAsyncLifetime
{
    private GuardedApp _guarded = null!;
    private GuardedApp _unguarded = null!;
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false });

    public async Task InitializeAsync()
    {
        _guarded = await GuardedApp.StartAsync(guard: true);
        _unguarded = await GuardedApp.StartAsync(guard: false);
    }

    public async Task DisposeAsync()
    {
        await _guarded.DisposeAsync();
        await _unguarded.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(GuardedApp app, HttpMethod method, string path, string? origin, string? host = null, string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{app.Port}{path}") { Content = new StringContent("amount=1000") };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return await Client.SendAsync(request);
    }

    [Theory]
    [InlineData("POST", "https://evil.test")]
    [InlineData("PUT", "https://evil.test")]
    [InlineData("DELETE", "https://evil.test")]
    [InlineData("PATCH", "https://evil.test")]
    [InlineData("POST", "null")]
    [InlineData("POST", "http://app.example.test.evil.net:5000")]
    [InlineData("POST", "HTTP://APP.EXAMPLE.TEST:5000")]
    public async Task A_refused_cross_origin_write_is_403_and_the_endpoint_does_not_run(string method, string origin)
    {
        using var response = await SendAsync(_guarded, new HttpMethod(method), "/transfer", origin);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        _guarded.Transfers.Should().Be(0, "the endpoint must not run");
        var blocked = _guarded.Server.Logs.GetSnapshot().Where(e => e.Category == "CorsKit" && e.Id.Id == CorsKitEvents.CrossOriginWriteBlocked).ToList();
        blocked.Should().ContainSingle();
        blocked[0].Level.Should().Be(LogLevel.Warning);
        blocked[0].Id.Name.Should().Be("CrossOriginWriteBlocked");
        blocked[0].Message.Should().Contain("the Origin fallback (no Sec-Fetch-Site", "without Sec-Fetch-Site the Origin comparison decided");
    }

    [Theory]
    [InlineData("POST", "https://evil.test", "cross-site")]
    [InlineData("DELETE", "https://evil.test", "cross-site")]
    [InlineData("POST", "null", "cross-site")]
    [InlineData("POST", null, "cross-site")]
    [InlineData("POST", "https://blog.example.test", "same-site")]
    [InlineData("POST", "https://evil.test", "cross-origin")]
    public async Task Sec_Fetch_Site_outside_the_origin_blocks_a_refused_write_and_the_log_names_it(string method, string? origin, string fetchSite)
    {
        using var response = await SendAsync(_guarded, new HttpMethod(method), "/transfer", origin, fetchSite: fetchSite);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _guarded.Transfers.Should().Be(0, "the endpoint must not run");
        _guarded.Seen.Should().ContainSingle().Which.FetchSite.Should().Be(fetchSite, "the header reached the server as sent");
        var blocked = _guarded.Server.Logs.GetSnapshot().Where(e => e.Category == "CorsKit" && e.Id.Id == CorsKitEvents.CrossOriginWriteBlocked).ToList();
        blocked.Should().ContainSingle().Which.Message.Should().Contain($"decided by Sec-Fetch-Site \"{fetchSite}\"");
    }

    [Theory]
    [InlineData("null", "same-origin")] // a same-origin form post from a Referrer-Policy: no-referrer page
    [InlineData("https://evil.test", "same-origin")] // a proxy rewrote Host: the browser still knows it was same-origin
    [InlineData(null, "none")] // the user typed or bookmarked the URL
    public async Task Sec_Fetch_Site_same_origin_or_none_passes_whatever_Origin_says(string? origin, string fetchSite)
    {
        using var response = await SendAsync(_guarded, HttpMethod.Post, "/transfer", origin, fetchSite: fetchSite);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _guarded.Transfers.Should().Be(1);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("passing the guard grants no CORS read access");
    }

    [Fact]
    public async Task Origin_null_is_blocked_without_Sec_Fetch_Site_and_passes_with_same_origin()
    {
        // The measured defect of issue 12: the same request with and without the browser's own statement.
        using (var withoutMetadata = await SendAsync(_guarded, HttpMethod.Post, "/transfer", "null"))
        {
            withoutMetadata.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using (var withMetadata = await SendAsync(_guarded, HttpMethod.Post, "/transfer", "null", fetchSite: "same-origin"))
        {
            withMetadata.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        _guarded.Transfers.Should().Be(1);
    }

    [Fact]
    public async Task A_cross_site_write_from_the_allowed_origin_passes()
    {
        var allowed = $"http://app.example.test:{_guarded.Port}";

        using var response = await SendAsync(_guarded, HttpMethod.Post, "/transfer", allowed, fetchSite: "cross-site");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(allowed);
        _guarded.Transfers.Should().Be(1);
    }

    [Fact]
    public async Task QUERY_is_safe_and_never_blocked_but_query_in_lower_case_is()
    {
        var port = _guarded.Port;
        var upper = await RawHttp.SendAsync(port, Request("QUERY", "/search", port, [Header("Origin", "https://evil.test"), Header("Sec-Fetch-Site", "cross-site")], "q=1"u8.ToArray()));
        var lower = await RawHttp.SendAsync(port, Request("query", "/search", port, [Header("Origin", "https://evil.test"), Header("Sec-Fetch-Site", "cross-site")], "q=1"u8.ToArray()));

        upper.StatusCode.Should().Be(200, "QUERY is a safe method");
        lower.StatusCode.Should().Be(403, "methods are case-sensitive: 'query' is not QUERY");
    }

    [Theory]
    [InlineData("POST", "https://evil.test")]
    [InlineData("PUT", "https://evil.test")]
    [InlineData("POST", "null")]
    public async Task Without_the_guard_the_same_write_runs_the_endpoint(string method, string origin)
    {
        // Proves the guarded tests can fail: CORS alone does not stop the write, it only hides the response.
        using var response = await SendAsync(_unguarded, new HttpMethod(method), "/transfer", origin);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the origin is still refused by CORS");
        _unguarded.Transfers.Should().Be(1, "without the guard the side effect happens");
    }

    [Fact]
    public async Task Allowed_same_origin_safe_and_origin_less_requests_pass()
    {
        var allowed = $"http://app.example.test:{_guarded.Port}";
        using (var response = await SendAsync(_guarded, HttpMethod.Post, "/transfer", allowed))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(allowed);
        }

        using (var response = await SendAsync(_guarded, HttpMethod.Post, "/transfer", origin: null))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a request without Origin is not cross-origin (curl, server-to-server)");
        }

        using (var response = await SendAsync(_guarded, HttpMethod.Post, "/transfer", $"http://api.example.test:{_guarded.Port}", host: $"api.example.test:{_guarded.Port}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a same-origin write is not cross-origin");
        }

        using (var response = await SendAsync(_guarded, HttpMethod.Get, "/transfer", "https://evil.test"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "GET is a safe method and is not guarded");
        }

        _guarded.Transfers.Should().Be(3);
    }

    [Fact]
    public async Task Preflights_are_still_answered_by_CORS()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"http://127.0.0.1:{_guarded.Port}/transfer");
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.test");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "PUT");
        using var response = await Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        _guarded.Transfers.Should().Be(0);
    }

    [Fact]
    public async Task Writes_to_a_DisableCorsKit_endpoint_are_blocked_for_every_cross_origin_caller()
    {
        using (var response = await SendAsync(_guarded, HttpMethod.Post, "/disabled", $"http://app.example.test:{_guarded.Port}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using (var response = await SendAsync(_unguarded, HttpMethod.Post, "/disabled", "https://evil.test"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        _guarded.DisabledWrites.Should().Be(0);
        _unguarded.DisabledWrites.Should().Be(1);
    }

    [Theory]
    [InlineData("duplicated allowed Origin")]
    [InlineData("lower-case post")]
    [InlineData("lower-case patch")]
    public async Task Raw_tricks_do_not_get_past_the_guard(string trick)
    {
        var port = _guarded.Port;
        var allowed = $"http://app.example.test:{port}";
        var request = trick switch
        {
            "duplicated allowed Origin" => Request("POST", "/transfer", port, [Header("Origin", allowed), Header("Origin", allowed)], "amount=1"u8.ToArray()),
            "lower-case post" => Request("post", "/transfer", port, [Header("Origin", "https://evil.test")], "amount=1"u8.ToArray()),
            _ => Request("patch", "/transfer", port, [Header("Origin", "https://evil.test")], "amount=1"u8.ToArray()),
        };

        var response = await RawHttp.SendAsync(port, request);

        response.StatusCode.Should().NotBe(200);
        response.StatusCode.Should().BeLessThan(500);
        _guarded.Transfers.Should().Be(0, $"{trick} must not run the endpoint");
    }

    [Fact]
    public async Task Raw_lower_case_patch_reaches_the_endpoint_without_the_guard()
    {
        // Counterpart of the raw tricks above: the lower-case method really is routed to the endpoint.
        var port = _unguarded.Port;
        var response = await RawHttp.SendAsync(port, Request("patch", "/transfer", port, [Header("Origin", "https://evil.test")], "amount=1"u8.ToArray()));

        response.StatusCode.Should().Be(200);
        _unguarded.Transfers.Should().Be(1);
    }
}
