using CorsKit.Classification;
using CorsKit.Evaluation;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Evaluation;

/// <summary>
/// <see cref="CorsKitOptions.BlockRefusedCrossOriginWrites"/> against the pure evaluator, one row per case of the
/// comparison table in SECURITY.md ("Cross-origin write guard"). The app is https://api.example.com; the policy allows
/// https://app.example.com (a same-site sibling) and https://partner.example.net (another site).
/// </summary>
public sealed class WriteGuardEvaluatorTests
{
    private const string Host = "api.example.com";
    private const string Self = "https://api.example.com";
    private const string Sibling = "https://app.example.com";
    private const string UnlistedSibling = "https://blog.example.com";
    private const string Partner = "https://partner.example.net";
    private const string Evil = "https://evil.example.org";

    private static readonly CorsKitPolicy Listed = new CorsKitPolicyBuilder().WithOrigins(Sibling, Partner).WithMethods("PUT", "DELETE", "PATCH").Build();
    private static readonly CorsKitPolicy AnyOrigin = new CorsKitPolicyBuilder().AllowAnyOrigin().AllowAnyMethod().Build();

    public enum Expect
    {
        Runs,
        BlockedBySecFetchSite,
        BlockedByOriginFallback,
    }

    public sealed record GuardCase(string Name, string Method, string? Origin, string? FetchSite, Expect Expect, bool AllowSameSite = false, string Setup = "listed", string HostHeader = Host)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<GuardCase> Cases() =>
    [
        // Sec-Fetch-Site decides when present.
        new("same-origin", "POST", Self, "same-origin", Expect.Runs),
        new("same-origin with Origin: null (form post from a no-referrer page)", "POST", "null", "same-origin", Expect.Runs),
        new("same-origin behind a proxy that hides the public host", "POST", Self, "same-origin", Expect.Runs, HostHeader: "10.0.0.5:8080"),
        new("none (user-initiated)", "POST", null, "none", Expect.Runs),
        new("none with an Origin", "POST", Evil, "none", Expect.Runs),
        new("same-site, origin allowed by the policy", "POST", Sibling, "same-site", Expect.Runs),
        new("same-site, origin refused (default)", "POST", UnlistedSibling, "same-site", Expect.BlockedBySecFetchSite),
        new("same-site, origin refused, AllowSameSiteWrites", "POST", UnlistedSibling, "same-site", Expect.Runs, AllowSameSite: true),
        new("cross-site, origin allowed", "POST", Partner, "cross-site", Expect.Runs),
        new("cross-site, origin allowed, PUT", "PUT", Partner, "cross-site", Expect.Runs),
        new("cross-site, origin refused", "POST", Evil, "cross-site", Expect.BlockedBySecFetchSite),
        new("cross-site, origin refused, DELETE", "DELETE", Evil, "cross-site", Expect.BlockedBySecFetchSite),
        new("cross-site, Origin: null", "POST", "null", "cross-site", Expect.BlockedBySecFetchSite),
        new("cross-site although Origin names this host", "POST", Self, "cross-site", Expect.BlockedBySecFetchSite),
        new("cross-site without Origin", "POST", null, "cross-site", Expect.BlockedBySecFetchSite),
        new("cross-site, AllowSameSiteWrites does not widen it", "POST", Evil, "cross-site", Expect.BlockedBySecFetchSite, AllowSameSite: true),
        new("unknown value is treated as cross-site (refused origin)", "POST", Evil, "cross-origin", Expect.BlockedBySecFetchSite),
        new("unknown value is treated as cross-site (allowed origin)", "POST", Partner, "bogus", Expect.Runs),
        new("unknown value even with a matching Origin", "POST", Self, "Same-Origin", Expect.BlockedBySecFetchSite),
        new("empty value is unknown", "POST", Self, "", Expect.BlockedBySecFetchSite),

        // Without Sec-Fetch-Site: Origin against the request's own scheme and host.
        new("absent, Origin matches the request", "POST", Self, null, Expect.Runs),
        new("absent, Origin matches with the default port in Host", "POST", Self, null, Expect.Runs, HostHeader: "api.example.com:443"),
        new("absent, Origin allowed by the policy", "POST", Partner, null, Expect.Runs),
        new("absent, Origin refused", "POST", Evil, null, Expect.BlockedByOriginFallback),
        new("absent, Origin differs only in scheme", "POST", "http://api.example.com", null, Expect.BlockedByOriginFallback),
        new("absent, Origin: null", "POST", "null", null, Expect.BlockedByOriginFallback),
        new("absent, Origin with user info", "POST", "https://x@api.example.com", null, Expect.BlockedByOriginFallback),
        new("absent, Origin with user info and a matching lax Host", "POST", "https://x@api.example.com", null, Expect.BlockedByOriginFallback, HostHeader: "x@api.example.com"),
        new("absent, Origin with a path", "POST", "https://api.example.com/x", null, Expect.BlockedByOriginFallback, HostHeader: "api.example.com/x"),
        new("both absent (not a browser, or an old one on the same origin)", "POST", null, null, Expect.Runs),
        new("absent, behind a proxy that hides the public host", "POST", Self, null, Expect.BlockedByOriginFallback, HostHeader: "10.0.0.5:8080"),

        // Safe methods are never blocked; methods are case-sensitive.
        new("GET", "GET", Evil, "cross-site", Expect.Runs),
        new("HEAD", "HEAD", Evil, "cross-site", Expect.Runs),
        new("OPTIONS without Access-Control-Request-Method", "OPTIONS", Evil, "cross-site", Expect.Runs),
        new("QUERY", "QUERY", Evil, "cross-site", Expect.Runs),
        new("query (lower case) is not QUERY", "query", Evil, "cross-site", Expect.BlockedBySecFetchSite),
        new("get (lower case) is not GET", "get", Evil, null, Expect.BlockedByOriginFallback),
        new("post (lower case)", "post", Evil, "cross-site", Expect.BlockedBySecFetchSite),
        new("an extension method", "PROPPATCH", Evil, "cross-site", Expect.BlockedBySecFetchSite),

        // An any-origin policy allows every origin, so it lets every write through (see SECURITY.md).
        new("any-origin policy, cross-site", "POST", Evil, "cross-site", Expect.Runs, Setup: "any"),
        new("any-origin policy, cross-site Origin: null", "POST", "null", "cross-site", Expect.Runs, Setup: "any"),

        // An endpoint with CORS disabled trusts no other origin.
        new("disabled, cross-site from an origin the app policy allows", "POST", Partner, "cross-site", Expect.BlockedBySecFetchSite, Setup: "disabled"),
        new("disabled, same-origin", "POST", "null", "same-origin", Expect.Runs, Setup: "disabled"),
        new("disabled, same-site with AllowSameSiteWrites", "POST", Sibling, "same-site", Expect.Runs, AllowSameSite: true, Setup: "disabled"),
        new("disabled, absent, matching Origin", "POST", Self, null, Expect.Runs, Setup: "disabled"),
        new("disabled, absent, other Origin", "POST", Partner, null, Expect.BlockedByOriginFallback, Setup: "disabled"),
        new("disabled, both absent", "DELETE", null, null, Expect.Runs, Setup: "disabled"),
        new("disabled, safe method", "GET", Evil, "cross-site", Expect.Runs, Setup: "disabled"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_guard_decides_each_case(GuardCase row)
    {
        var decision = Evaluate(row, guard: true);

        switch (row.Expect)
        {
            case Expect.Runs:
                decision.EndpointRuns.Should().BeTrue(row.Name);
                decision.Outcome.Should().NotBe(CorsOutcome.Blocked, row.Name);
                decision.GuardSignal.Should().Be(WriteGuardSignal.None, row.Name);
                break;
            default:
                decision.EndpointRuns.Should().BeFalse(row.Name);
                decision.Outcome.Should().Be(CorsOutcome.Blocked, row.Name);
                decision.StatusCode.Should().Be(403, row.Name);
                decision.AllowOrigin.Should().BeEmpty("a blocked write gets no CORS grant");
                decision.Refusal.Should().Be(row.Setup == "disabled" ? CorsRefusal.Disabled : CorsRefusal.Origin, row.Name);
                decision.GuardSignal.Should().Be(row.Expect == Expect.BlockedBySecFetchSite ? WriteGuardSignal.SecFetchSite : WriteGuardSignal.OriginFallback, row.Name);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_the_guard_every_case_runs_the_endpoint(GuardCase row) =>
        Evaluate(row, guard: false).EndpointRuns.Should().BeTrue(row.Name);

    [Fact]
    public void Two_Sec_Fetch_Site_lines_are_not_trusted_even_when_both_say_same_origin()
    {
        var facts = new RequestFacts(Evil, "POST", default, default, "https", Host, new StringValues(["same-origin", "same-origin"]));

        var decision = CorsEvaluator.Evaluate(Listed.Compile(), corsDisabled: false, endpointHandlesOptions: false, facts, new EvaluationSettings(true));

        decision.Outcome.Should().Be(CorsOutcome.Blocked);
        decision.GuardSignal.Should().Be(WriteGuardSignal.SecFetchSite);
    }

    [Fact]
    public void A_preflight_is_never_blocked_by_the_guard()
    {
        var facts = new RequestFacts(Evil, "OPTIONS", "PUT", default, "https", Host, "cross-site");

        var decision = CorsEvaluator.Evaluate(Listed.Compile(), corsDisabled: false, endpointHandlesOptions: false, facts, new EvaluationSettings(true));

        decision.Kind.Should().Be(RequestKind.Preflight);
        decision.Outcome.Should().Be(CorsOutcome.Refused);
        decision.StatusCode.Should().Be(204);
    }

    [Fact]
    public void A_same_origin_write_allowed_by_Sec_Fetch_Site_gets_no_CORS_grant_for_a_refused_Origin()
    {
        // The guard lets it run; CORS headers are still only for origins the policy allows.
        var facts = new RequestFacts("null", "POST", default, default, "https", Host, "same-origin");

        var decision = CorsEvaluator.Evaluate(Listed.Compile(), corsDisabled: false, endpointHandlesOptions: false, facts, new EvaluationSettings(true));

        decision.EndpointRuns.Should().BeTrue();
        decision.AllowOrigin.Should().BeEmpty();
    }

    [Fact]
    public void The_guard_signal_keeps_the_decision_within_64_bytes() =>
        System.Runtime.CompilerServices.Unsafe.SizeOf<CorsDecision>().Should().BeLessThanOrEqualTo(64, "the decision is built and copied on every request");

    private static CorsDecision Evaluate(GuardCase row, bool guard)
    {
        var policy = row.Setup switch
        {
            "any" => AnyOrigin,
            _ => Listed,
        };
        var facts = new RequestFacts(
            row.Origin is null ? StringValues.Empty : new StringValues(row.Origin),
            row.Method,
            default,
            default,
            "https",
            row.HostHeader,
            row.FetchSite is null ? StringValues.Empty : new StringValues(row.FetchSite));
        return CorsEvaluator.Evaluate(policy.Compile(), corsDisabled: row.Setup == "disabled", endpointHandlesOptions: false, facts, new EvaluationSettings(guard, row.AllowSameSite));
    }
}
