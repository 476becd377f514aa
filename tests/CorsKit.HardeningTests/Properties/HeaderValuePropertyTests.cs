using CorsKit.HardeningTests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Xunit.Abstractions;

namespace CorsKit.HardeningTests.Properties;

/// <summary>
/// Whatever arrives in <c>Origin</c>, <c>Access-Control-Request-Method</c> and <c>Access-Control-Request-Headers</c>
/// (CR/LF, NUL, controls, non-ASCII, oversized, several lines), under generated policies: CorsKit never throws, every
/// header value it writes is visible ASCII + SP/HTAB, and it never grants more than the policy configures.
/// </summary>
public sealed class HeaderValuePropertyTests(ITestOutputHelper output)
{
    private const int Iterations = 4_000;

    private static readonly string[] VaryTokens = ["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"];

    private sealed record PolicyShape(bool AnyOrigin, bool Credentials, bool AnyMethod, string[] Methods, bool AnyHeader, string[] Headers, string[] Exposed, int? MaxAgeSeconds)
    {
        public void Apply(CorsKitPolicyBuilder p)
        {
            if (AnyOrigin)
            {
                p.AllowAnyOrigin();
            }
            else
            {
                p.WithOrigins("https://app.example.test", "https://*.example.test", "http://localhost:*", "null");
            }

            if (Credentials)
            {
                // "null" with credentials is a deliberate opt-in; the property wants the widest configuration to attack.
                p.AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials();
            }

            if (AnyMethod)
            {
                p.AllowAnyMethod();
            }
            else
            {
                p.WithMethods(Methods);
            }

            if (AnyHeader)
            {
                p.AllowAnyHeader();
            }
            else
            {
                p.WithHeaders(Headers);
            }

            p.WithExposedHeaders(Exposed);
            if (MaxAgeSeconds is { } seconds)
            {
                p.SetPreflightMaxAge(TimeSpan.FromSeconds(seconds));
            }
        }

        public override string ToString() =>
            $"anyOrigin={AnyOrigin} credentials={Credentials} anyMethod={AnyMethod} methods=[{string.Join(",", Methods)}] anyHeader={AnyHeader} headers=[{string.Join(",", Headers)}] exposed=[{string.Join(",", Exposed)}] maxAge={MaxAgeSeconds}";
    }

    private static readonly Gen<PolicyShape> Shape =
        from credentials in Gen.Bool
        from anyOrigin in Gen.Bool
        from anyMethod in Gen.Bool
        from methods in Gen.OneOf("PUT", "DELETE", "PATCH", "patch", "X-Custom").Array[0, 3]
        from anyHeader in Gen.Bool
        from headers in Gen.OneOf("Content-Type", "X-Request-Id", "Authorization", "x-a").Array[0, 3]
        from exposed in Gen.OneOf("X-Total-Count", "ETag", "X-Trace").Array[0, 2]
        from hasMaxAge in Gen.Bool
        from seconds in Gen.Int[0, 7200]
        let maxAge = hasMaxAge ? seconds : (int?)null
        select new PolicyShape(anyOrigin && !credentials, credentials, anyMethod, methods, anyHeader, headers, exposed, maxAge);

    private static readonly Gen<string> Hostile =
        Gen.Frequency(
            (3, Gen.OneOf("https://app.example.test", "https://a.example.test", "http://localhost:5173", "null", "https://evil.test")),
            (3, Gen.Char["aZ09.-:/*,; \t\r\n\0\u0001\u007f\u0080\u00ff\u0100\u2028\ud800\ufeff=\"'<>"].Array[0, 40].Select(c => new string(c))),
            (2, from good in Gen.OneOf("https://app.example.test", "put", "x-a, content-type", "PUT")
                from junk in Gen.OneOf("\r\nSet-Cookie: a=b", "\n", "\0", "\u00e9", "\u2028", " , ,", "\t")
                select good + junk),
            (1, from c in Gen.Char["ax,"] from n in Gen.Int[60, 9000] select new string(c, n)),
            (1, Gen.Int[1, 120].Select(n => string.Join(", ", Enumerable.Range(0, n).Select(i => "x-h" + i)))));

    private static readonly Gen<StringValues> HostileValues =
        Gen.Frequency(
            (8, Hostile.Select(v => new StringValues(v))),
            (1, Hostile.Array[2, 3].Select(v => new StringValues(v))),
            (1, Gen.Const(StringValues.Empty)));

    [Fact]
    public void Written_header_values_are_clean_and_never_wider_than_configured()
    {
        var tried = 0;
        Gen.Select(Shape, HostileValues, HostileValues, HostileValues, Gen.OneOf("OPTIONS", "GET", "POST", "PUT", "patch", "M-SEARCH"), Gen.Bool, Gen.Bool)
            .Sample((shape, origin, method, headers, httpMethod, appSetsVary, refusalHeader) =>
            {
                using var pipeline = new InMemoryPipeline(cors =>
                {
                    cors.IncludeRefusalReasonHeader = refusalHeader;
                    cors.AddDefaultPolicy(shape.Apply);
                }, context =>
                {
                    if (appSetsVary)
                    {
                        context.Response.Headers.Vary = "Accept-Encoding";
                    }

                    return Task.CompletedTask;
                });
                var request = new List<KeyValuePair<string, StringValues>>();
                if (origin.Count > 0)
                {
                    request.Add(new("Origin", origin));
                }

                request.Add(new("Access-Control-Request-Method", method));
                request.Add(new("Access-Control-Request-Headers", headers));
                var response = pipeline.SendAsync(httpMethod, request).GetAwaiter().GetResult();
                Interlocked.Increment(ref tried);
                Check(shape, origin, method, headers, response);
            }, iter: Iterations, print: t => $"{t.Item1} origin={Show(t.Item2)} acrm={Show(t.Item3)} acrh={Show(t.Item4)} method={t.Item5} appVary={t.Item6} refusalHeader={t.Item7}");

        output.WriteLine($"{tried} hostile requests (preflights and actual requests) under generated policies: no exception, every written value clean.");
    }

    private static void Check(PolicyShape shape, StringValues origin, StringValues method, StringValues headers, InMemoryResponse response)
    {
        foreach (var (name, value) in response.Headers)
        {
            if (name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || name == "Vary" || name.StartsWith("CorsKit", StringComparison.OrdinalIgnoreCase))
            {
                value.Count.Should().Be(1, $"{name} is written as one field line");
                HeaderValues.IsClean(value[0]).Should().BeTrue($"{name}: \"{OriginPropertyTests.Escape(value[0]!)}\" must be visible ASCII, SP or HTAB only");
            }
        }

        var acao = response["Access-Control-Allow-Origin"];
        if (acao is not null)
        {
            if (acao != "*")
            {
                origin.Count.Should().Be(1);
                acao.Should().Be(origin[0], "ACAO is either * or the exact request origin");
                new CorsKitPolicyBuilder().Apply(shape.Apply).Build().IsOriginAllowed(acao).Should().BeTrue("ACAO names only allowed origins");
            }
            else
            {
                shape.AnyOrigin.Should().BeTrue("* is only for any-origin policies");
            }
        }
        else
        {
            response["Access-Control-Allow-Credentials"].Should().BeNull();
            response["Access-Control-Allow-Methods"].Should().BeNull();
            response["Access-Control-Allow-Headers"].Should().BeNull();
            response["Access-Control-Expose-Headers"].Should().BeNull();
            response["Access-Control-Max-Age"].Should().BeNull();
        }

        if (response["Access-Control-Allow-Credentials"] is { } acac)
        {
            acac.Should().Be("true");
            shape.Credentials.Should().BeTrue();
        }

        if (response["Access-Control-Allow-Methods"] is { } acam)
        {
            var allowed = HeaderValues.Items(acam);
            if (shape.AnyMethod)
            {
                allowed.Should().HaveCount(1);
                if (shape.Credentials)
                {
                    method.Count.Should().Be(1);
                    allowed[0].Should().Be(method[0], "with credentials any-method echoes the requested method");
                    allowed[0].Length.Should().BeLessThanOrEqualTo(64);
                    HeaderValues.IsToken(allowed[0]).Should().BeTrue();
                }
                else
                {
                    allowed[0].Should().Be("*");
                }
            }
            else
            {
                allowed.Should().OnlyContain(m => shape.Methods.Contains(m, StringComparer.OrdinalIgnoreCase), "ACAM lists configured methods only");
            }
        }

        if (response["Access-Control-Allow-Headers"] is { } acah)
        {
            var allowed = HeaderValues.Items(acah);
            if (shape.AnyHeader)
            {
                acah.Length.Should().BeLessThanOrEqualTo(4096 + (headers.Count * 2));
                allowed.Length.Should().BeLessThanOrEqualTo(64);
                allowed.Should().OnlyContain(h => HeaderValues.IsToken(h));
                var requested = headers.SelectMany(HeaderValues.Items).ToArray();
                allowed.Should().OnlyContain(h => requested.Contains(h), "any-header echoes only the requested names");
            }
            else
            {
                allowed.Should().OnlyContain(h => shape.Headers.Contains(h, StringComparer.OrdinalIgnoreCase), "ACAH lists configured headers only");
            }
        }

        if (response["Access-Control-Expose-Headers"] is { } aceh)
        {
            HeaderValues.Items(aceh).Should().OnlyContain(h => shape.Exposed.Contains(h, StringComparer.OrdinalIgnoreCase));
        }

        if (response["Access-Control-Max-Age"] is { } acma)
        {
            acma.Should().Be(shape.MaxAgeSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (response["Vary"] is { } vary)
        {
            HeaderValues.Items(vary).Should().OnlyContain(v => VaryTokens.Contains(v) || v == "Accept-Encoding");
        }

        if (response["CorsKit-Refusal"] is { } refusal)
        {
            refusal.Length.Should().BeLessThan(1024, "the refusal reason quotes request values cut to 128 characters");
        }

        response.StatusCode.Should().BeOneOf(StatusCodes.Status200OK, StatusCodes.Status204NoContent);
    }

    private static string Show(StringValues values) =>
        values.Count == 0 ? "(none)" : string.Join(" | ", values.Select(v => $"\"{OriginPropertyTests.Escape(v ?? string.Empty)[..Math.Min(80, OriginPropertyTests.Escape(v ?? string.Empty).Length)]}\""));
}

internal static class PolicyShapeExtensions
{
    public static CorsKitPolicyBuilder Apply(this CorsKitPolicyBuilder builder, Action<CorsKitPolicyBuilder> configure)
    {
        configure(builder);
        return builder;
    }
}
