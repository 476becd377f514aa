using CorsKit.HardeningTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using static CorsKit.HardeningTests.Infrastructure.RawHttp;

namespace CorsKit.HardeningTests.Hostile;

/// <summary>
/// The <c>CorsKit-Refusal</c> development header puts text into a response header; on Kestrel a value that is not
/// visible ASCII makes the response fail with 500. Request values are escaped; configuration values must be too.
/// </summary>
public sealed class RefusalHeaderTests
{
    [Theory]
    [InlineData("public-api")]
    [InlineData("política-pública")]
    public async Task A_refused_request_gets_a_clean_refusal_header_whatever_the_policy_name(string policyName)
    {
        await using var server = await TestHost.StartKestrelAsync(
            cors =>
            {
                cors.IncludeRefusalReasonHeader = true;
                cors.AddPolicy(policyName, p => p.WithOrigins("https://app.example.test"));
            },
            app =>
            {
                app.UseCorsKit(policyName);
                app.MapGet("/", () => "ok");
            });

        var preflight = await SendAsync(server.Port, Request("OPTIONS", "/", server.Port, [Header("Origin", "https://evil.test\u0001"), Header("Access-Control-Request-Method", "PUT")]));
        var actual = await SendAsync(server.Port, Request("GET", "/", server.Port, [Header("Origin", "https://evil.test")]));

        foreach (var response in new[] { preflight, actual })
        {
            response.StatusCode.Should().BeLessThan(500);
            response.Has("Access-Control-Allow-Origin").Should().BeFalse();
            response.Values("CorsKit-Refusal").Should().ContainSingle().Which.Should().Match(v => HeaderValues.IsClean(v));
        }
    }
}
