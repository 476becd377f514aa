using System.Net;

namespace CorsKit.AotTests;

/// <summary>
/// The Native AOT binary answers real CORS requests over loopback HTTP: the configuration-bound default policy, the
/// named endpoint policy of <c>RequireCorsKit</c>, the policy provider registered with
/// <c>AddCorsKitPolicyProvider&lt;T&gt;()</c> (which Native AOT must be able to construct), and the refusal header.
/// </summary>
[Collection(AotConsumerTestGroup.Name)]
public sealed class NativeAppTests(AotConsumerFixture fixture)
{
    private const string VaryPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    [Fact]
    public async Task Preflight_allowed_by_the_configuration_bound_default_policy()
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
        Header(response, "CorsKit-Refusal").Should().BeNull();
    }

    [Fact]
    public async Task Preflight_from_an_unlisted_origin_is_refused_with_the_refusal_header()
    {
        using var response = await SendPreflight("/api/items/3", "https://evil.example.test", "PUT", null);

        AccessControlHeaders(response).Should().BeEmpty("a refused origin learns nothing about the policy");
        Header(response, "Vary").Should().Be(VaryPreflight);
        Header(response, "CorsKit-Refusal").Should().Contain("https://evil.example.test", "IncludeRefusalReasonHeader is on in appsettings.json");
    }

    [Fact]
    public async Task Preflight_for_a_method_the_policy_does_not_allow_names_the_method_in_the_refusal_header()
    {
        using var response = await SendPreflight("/api/items/3", "https://app.example.test", "PATCH", null);

        AccessControlHeaders(response).Should().NotContainKey("Access-Control-Max-Age");
        AccessControlHeaders(response)["Access-Control-Allow-Methods"].Should().Be("PUT, DELETE");
        Header(response, "CorsKit-Refusal").Should().Contain("PATCH");
    }

    [Fact]
    public async Task Preflight_to_an_endpoint_with_RequireCorsKit_uses_the_named_policy_from_configuration()
    {
        using var allowed = await SendPreflight("/partners/orders/9", "https://partner.example.test", "PATCH", "authorization");
        using var refused = await SendPreflight("/partners/orders/9", "https://app.example.test", "PATCH", null);

        allowed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(allowed).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Headers"] = "authorization",
            ["Access-Control-Allow-Methods"] = "PATCH",
            ["Access-Control-Allow-Origin"] = "https://partner.example.test",
        });
        AccessControlHeaders(refused).Should().BeEmpty("the endpoint's policy, not the default one, decides: it does not list the app's origin");
        Header(refused, "CorsKit-Refusal").Should().Contain("https://app.example.test").And.Contain("'partners'");
    }

    [Fact]
    public async Task Policy_provider_decides_the_origins_per_tenant()
    {
        using var acme = await SendPreflight("/tenants/acme/settings", "https://acme.example.test", "PUT", "content-type");
        using var globexOriginAtAcme = await SendPreflight("/tenants/acme/settings", "https://globex.example.test", "PUT", null);
        using var globex = await SendPreflight("/tenants/globex/settings", "https://globex.example.test", "PUT", null);

        acme.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(acme).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Headers"] = "content-type",
            ["Access-Control-Allow-Methods"] = "PUT",
            ["Access-Control-Allow-Origin"] = "https://acme.example.test",
        });
        AccessControlHeaders(globexOriginAtAcme).Should().BeEmpty("the provider's policy for acme lists only acme's origin");
        Header(globexOriginAtAcme, "CorsKit-Refusal").Should().Contain("https://globex.example.test");
        AccessControlHeaders(globex)["Access-Control-Allow-Origin"].Should().Be("https://globex.example.test");
    }

    [Fact]
    public async Task Actual_request_from_an_allowed_origin_gets_allow_origin_credentials_and_exposed_headers()
    {
        using var response = await SendActual(HttpMethod.Put, "/api/items/5", "https://app.example.test");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("item 5 saved");
        AccessControlHeaders(response).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Allow-Origin"] = "https://app.example.test",
            ["Access-Control-Expose-Headers"] = "X-Total-Count",
        });
        Header(response, "Vary").Should().Be("Origin");
    }

    [Fact]
    public async Task Actual_request_from_a_refused_origin_runs_but_gets_no_CORS_headers_and_the_refusal_header()
    {
        using var response = await SendActual(HttpMethod.Get, "/api/items", "https://evil.example.test");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "CORS hides the response from script; it does not stop the server");
        AccessControlHeaders(response).Should().BeEmpty();
        Header(response, "Vary").Should().Be("Origin");
        Header(response, "CorsKit-Refusal").Should().Contain("https://evil.example.test");
    }

    [Fact]
    public async Task Actual_request_to_a_tenant_endpoint_is_answered_with_the_provider_policy()
    {
        using var allowed = await SendActual(HttpMethod.Put, "/tenants/globex/settings", "https://globex.example.test");
        using var refused = await SendActual(HttpMethod.Put, "/tenants/globex/settings", "https://app.example.test");

        (await allowed.Content.ReadAsStringAsync()).Should().Be("settings of globex saved");
        AccessControlHeaders(allowed).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "https://globex.example.test",
        });
        AccessControlHeaders(refused).Should().BeEmpty("the provider's policy replaces the default policy, which would allow this origin");
        Header(refused, "CorsKit-Refusal").Should().Contain("https://app.example.test");
    }

    private async Task<HttpResponseMessage> SendPreflight(string path, string origin, string method, string? requestHeaders)
    {
        var app = await fixture.GetRunningAppAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (requestHeaders is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
        }

        return await app.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendActual(HttpMethod method, string path, string origin)
    {
        var app = await fixture.GetRunningAppAsync();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        if (method == HttpMethod.Put)
        {
            request.Content = new StringContent("");
        }

        return await app.Client.SendAsync(request);
    }

    private static SortedDictionary<string, string> AccessControlHeaders(HttpResponseMessage response) =>
        new(response.Headers.NonValidated
                .Concat(response.Content.Headers.NonValidated)
                .Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString()),
            StringComparer.Ordinal);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
