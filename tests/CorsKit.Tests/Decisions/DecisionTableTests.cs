using CorsKit.Classification;
using CorsKit.Diagnostics;
using CorsKit.Evaluation;
using CorsKit.Tests.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Decisions;

/// <summary>
/// One table of policy x request -> status, CORS headers, whether the endpoint ran. Every row is checked twice: against
/// the pure evaluator with plain values, and through a real host (routing, CorsKit, an endpoint that counts its runs),
/// so the decision and what a client observes can never drift apart.
/// </summary>
public sealed class DecisionTableTests
{
    private const string App = "https://app.example.com";
    private const string Evil = "https://evil.example.net";
    private const string Host = "api.example.com";
    private const string PreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private const string RequestVary = "Access-Control-Request-Method, Access-Control-Request-Headers";

    private static readonly Dictionary<string, Action<CorsKitPolicyBuilder>> Policies = new()
    {
        ["listed"] = p => p.WithOrigins(App, "https://*.cdn.example.com").WithMethods("PUT").WithHeaders("X-Trace").WithExposedHeaders("X-Total").SetPreflightMaxAge(TimeSpan.FromMinutes(10)),
        ["credentials"] = p => p.WithOrigins(App).AllowAnyMethod().AllowAnyHeader().AllowCredentials(),
        ["any"] = p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader(),
    };

    public static TheoryData<Row> Rows() =>
    [
        // Preflights
        new Row("preflight allowed", "listed", Preflight(App, "PUT", "x-trace"), 204, false,
            Acao: App, Acam: "PUT", Acah: "x-trace", MaxAge: "600", Vary: PreflightVary, Event: CorsKitEvents.PreflightAllowed),
        new Row("preflight for a safelisted method needs no listing", "listed", Preflight(App, "POST", "x-trace"), 204, false,
            Acao: App, Acam: "PUT", Acah: "x-trace", MaxAge: "600", Vary: PreflightVary),
        new Row("preflight origin refused", "listed", Preflight(Evil, "PUT"), 204, false,
            Vary: PreflightVary, Event: CorsKitEvents.PreflightOriginRefused, Refused: Evil),
        new Row("preflight method refused keeps ACAO for the console", "listed", Preflight(App, "DELETE"), 204, false,
            Acao: App, Acam: "PUT", Vary: PreflightVary, Event: CorsKitEvents.PreflightMethodRefused, Refused: "DELETE"),
        new Row("preflight method case matters", "listed", Preflight(App, "put"), 204, false,
            Acao: App, Acam: "PUT", Vary: PreflightVary, Event: CorsKitEvents.PreflightMethodRefused, Refused: "put"),
        new Row("preflight header refused", "listed", Preflight(App, "PUT", "x-trace, x-other"), 204, false,
            Acao: App, Acam: "PUT", Acah: "x-trace", Vary: PreflightVary, Event: CorsKitEvents.PreflightHeaderRefused, Refused: "x-other"),
        new Row("credentials echo the method and headers", "credentials", Preflight(App, "PATCH", "authorization,x-a"), 204, false,
            Acao: App, Acac: "true", Acam: "PATCH", Acah: "authorization,x-a", Vary: PreflightVary),
        new Row("any origin answers a constant star", "any", Preflight(Evil, "PUT", "x-a"), 204, false,
            Acao: "*", Acam: "*", Acah: "x-a", Vary: RequestVary),
        new Row("any header echoes authorization, which star never covers", "any", Preflight(Evil, "GET", "authorization, x-custom"), 204, false,
            Acao: "*", Acam: "*", Acah: "authorization, x-custom", Vary: RequestVary),
        new Row("any method never answers a malformed method with star", "any", Preflight(App, new string('M', 65)), 204, false,
            Acao: "*", Vary: RequestVary),
        new Row("any origin still refuses what no browser sends", "any", Preflight("https://a b", "PUT"), 204, false,
            Vary: PreflightVary, Event: CorsKitEvents.PreflightOriginRefused),
        new Row("preflight to a disabled endpoint", "disabled", Preflight(App, "PUT"), 204, false, Event: CorsKitEvents.PreflightToDisabledEndpoint),
        new Row("preflight with no policy reaches routing", "none", Preflight(App, "PUT"), 405, false),

        // Actual requests
        new Row("actual allowed", "listed", Actual("GET", App), 200, true, Acao: App, Aceh: "X-Total", Vary: "Origin", Event: CorsKitEvents.RequestAllowed),
        new Row("actual allowed by a pattern", "listed", Actual("GET", "https://deep.sub.cdn.example.com"), 200, true,
            Acao: "https://deep.sub.cdn.example.com", Aceh: "X-Total", Vary: "Origin"),
        new Row("actual refused still runs the endpoint", "listed", Actual("GET", Evil), 200, true, Vary: "Origin",
            Event: CorsKitEvents.RequestOriginRefused, Refused: Evil),
        new Row("a look-alike registrable domain is refused", "listed", Actual("GET", "https://evil-cdn.example.com"), 200, true, Vary: "Origin",
            Event: CorsKitEvents.RequestOriginRefused),
        new Row("a pattern's domain as a prefix is refused", "listed", Actual("GET", "https://cdn.example.com.evil.net"), 200, true, Vary: "Origin",
            Event: CorsKitEvents.RequestOriginRefused),
        new Row("another scheme is another origin", "listed", Actual("GET", "http://app.example.com"), 200, true, Vary: "Origin",
            Event: CorsKitEvents.RequestOriginRefused),
        new Row("the opaque origin null is refused", "listed", Actual("GET", "null"), 200, true, Vary: "Origin",
            Event: CorsKitEvents.RequestOriginRefused),
        new Row("actual with credentials", "credentials", Actual("PUT", App), 200, true, Acao: App, Acac: "true", Vary: "Origin"),
        new Row("actual any origin", "any", Actual("GET", Evil), 200, true, Acao: "*"),
        new Row("actual any origin answers null with star too", "any", Actual("GET", "null"), 200, true, Acao: "*"),
        new Row("actual any origin refuses a malformed origin, and only that answer varies", "any", Actual("GET", "https://not a host"), 200, true,
            Vary: "Origin", Event: CorsKitEvents.RequestOriginRefused),
        new Row("actual to a disabled endpoint", "disabled", Actual("PUT", App), 200, true),
        new Row("actual with no policy", "none", Actual("PUT", App), 200, true),
        new Row("a refused write is blocked by the guard", "listed+guard", Actual("PUT", Evil), 403, false, Event: CorsKitEvents.CrossOriginWriteBlocked),
        new Row("a refused read is never blocked", "listed+guard", Actual("GET", Evil), 200, true, Vary: "Origin"),
        new Row("an allowed write passes the guard", "listed+guard", Actual("PUT", App), 200, true, Acao: App, Aceh: "X-Total", Vary: "Origin"),
        new Row("a write to a disabled endpoint is blocked by the guard", "disabled+guard", Actual("POST", App), 403, false,
            Event: CorsKitEvents.CrossOriginWriteBlocked),

        // Not CORS and same-origin
        new Row("no Origin still varies on it", "listed", Actual("GET", null), 200, true, Vary: "Origin"),
        new Row("no Origin under any-origin gets the constant star", "any", Actual("GET", null), 200, true, Acao: "*"),
        new Row("same-origin needs no CORS headers", "listed", Actual("PUT", "https://" + Host), 200, true, Vary: "Origin"),
        new Row("same-origin preflight is still a preflight", "listed", Preflight("https://" + Host, "PUT"), 204, false, Vary: PreflightVary),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_evaluator_decides_each_row(Row row)
    {
        var (policy, disabled, guard) = Setup(row.Setup);
        var compiled = policy?.Compile();
        var facts = new RequestFacts(
            row.Request.Origin is null ? StringValues.Empty : new StringValues(row.Request.Origin),
            row.Request.Method,
            row.Request.RequestMethod ?? StringValues.Empty,
            row.Request.RequestHeaders ?? StringValues.Empty,
            "https",
            Host);

        var decision = CorsEvaluator.Evaluate(compiled, disabled, endpointHandlesOptions: false, facts, new EvaluationSettings(guard));

        // Without a policy a preflight reaches routing, which answers it (405 here); the evaluator only lets it through.
        var status = decision.EndpointRuns ? (row.Setup == "none" && facts.Kind == RequestKind.Preflight ? 405 : 200) : decision.StatusCode;
        status.Should().Be(row.Status, row.Name);
        (decision.EndpointRuns && status == 200).Should().Be(row.EndpointRuns, row.Name);
        Observed(decision).Should().BeEquivalentTo(row.Headers(), row.Name);
        if (row.Refused is not null)
        {
            decision.RefusedItem.Value.Should().Be(row.Refused, row.Name);
        }
    }

    [Theory]
    [InlineData("listed", null)]
    [InlineData("listed", "https://" + Host)]
    [InlineData("credentials", null)]
    [InlineData("any", null)]
    [InlineData("any", "https://" + Host)]
    public void The_decision_made_once_for_requests_that_are_not_cross_origin_is_the_evaluators(string setup, string? origin)
    {
        // The middleware serves these requests with a decision made when the policy was set up (it depends on the policy
        // alone); it must be exactly the one the evaluator makes per request.
        var compiled = Setup(setup).Policy!.Compile();
        var facts = new RequestFacts(origin is null ? StringValues.Empty : new StringValues(origin), "GET", default, default, "https", Host);

        var evaluated = CorsEvaluator.Evaluate(compiled, corsDisabled: false, endpointHandlesOptions: false, facts, default);
        var madeOnce = CorsEvaluator.NotCrossOrigin(compiled, facts.Kind);

        facts.Kind.Should().Be(origin is null ? RequestKind.NotCors : RequestKind.SameOrigin);
        madeOnce.Should().BeEquivalentTo(evaluated, o => o.ComparingByMembers<CorsDecision>());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_real_host_answers_each_row(Row row)
    {
        var (policy, disabled, guard) = Setup(row.Setup);
        var runs = 0;
        await using var app = await TestHost.StartAsync(
            (CorsKitOptions cors) =>
            {
                cors.BlockRefusedCrossOriginWrites = guard;
                if (policy is not null)
                {
                    cors.AddDefaultPolicy(policy);
                }
            },
            a =>
            {
                a.UseCorsKit();
                var endpoint = a.MapMethods("/resource", ["GET", "POST", "PUT", "DELETE", "PATCH"], (HttpContext context) =>
                {
                    Interlocked.Increment(ref runs);
                    context.Response.Headers["X-Total"] = "3";
                    return "ran";
                });
                if (disabled)
                {
                    endpoint.DisableCorsKit();
                }
            });
        using var request = new HttpRequestMessage(new HttpMethod(row.Request.Method), "https://" + Host + "/resource");
        Add(request, "Origin", row.Request.Origin);
        Add(request, "Access-Control-Request-Method", row.Request.RequestMethod);
        Add(request, "Access-Control-Request-Headers", row.Request.RequestHeaders);

        using var response = await app.Client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(row.Status, row.Name);
        runs.Should().Be(row.EndpointRuns ? 1 : 0, row.Name);
        if (!row.EndpointRuns)
        {
            (await response.Content.ReadAsStringAsync()).Should().BeEmpty(row.Name);
        }

        var observed = new Dictionary<string, string>();
        foreach (var name in HeaderNames)
        {
            if (response.HeaderList(name) is { } value)
            {
                observed[name] = value;
            }
        }

        observed.Should().BeEquivalentTo(row.Headers(), row.Name);
        if (row.Event is { } id)
        {
            var events = app.Logs.From("CorsKit").Where(e => e.Id.Id == id).ToList();
            events.Should().ContainSingle(row.Name);
            if (row.Refused is not null)
            {
                events[0].Message.Should().Contain(LogValue.Quote(row.Refused), row.Name);
            }
        }
    }

    private static readonly string[] HeaderNames =
    [
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers", "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Vary",
    ];

    private static (CorsKitPolicy? Policy, bool Disabled, bool Guard) Setup(string setup)
    {
        var guard = setup.EndsWith("+guard", StringComparison.Ordinal);
        var name = guard ? setup[..^"+guard".Length] : setup;
        if (name is "none" or "disabled")
        {
            // A disabled endpoint in an app whose default policy would otherwise allow the origin.
            var fallback = name == "disabled" ? Build(Policies["listed"]) : null;
            return (fallback, name == "disabled", guard);
        }

        return (Build(Policies[name]), false, guard);

        static CorsKitPolicy Build(Action<CorsKitPolicyBuilder> configure)
        {
            var builder = new CorsKitPolicyBuilder();
            configure(builder);
            return builder.Build();
        }
    }

    private static Dictionary<string, string> Observed(in CorsDecision decision)
    {
        var headers = new Dictionary<string, string>();
        Put("Access-Control-Allow-Origin", decision.AllowOrigin);
        Put("Access-Control-Allow-Credentials", decision.AllowOrigin.Count > 0 && decision.AllowCredentials ? "true" : default);
        Put("Access-Control-Allow-Methods", decision.AllowOrigin.Count > 0 ? decision.AllowMethods : default);
        Put("Access-Control-Allow-Headers", decision.AllowOrigin.Count > 0 ? decision.AllowHeaders : default);
        Put("Access-Control-Max-Age", decision.AllowOrigin.Count > 0 ? decision.MaxAge : default);
        Put("Access-Control-Expose-Headers", decision.AllowOrigin.Count > 0 ? decision.ExposeHeaders : default);
        Put("Vary", decision.Vary switch
        {
            VaryOn.Origin => "Origin",
            VaryOn.PreflightRequest => "Access-Control-Request-Method, Access-Control-Request-Headers",
            VaryOn.Origin | VaryOn.PreflightRequest => "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            _ => default,
        });
        return headers;

        void Put(string name, StringValues value)
        {
            if (value.Count > 0)
            {
                headers[name] = value.ToString();
            }
        }
    }

    private static void Add(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static RowRequest Preflight(string origin, string method, string? headers = null) => new("OPTIONS", origin, method, headers);

    private static RowRequest Actual(string method, string? origin) => new(method, origin, null, null);

    public sealed record RowRequest(string Method, string? Origin, string? RequestMethod, string? RequestHeaders);

    public sealed record Row(
        string Name,
        string Setup,
        RowRequest Request,
        int Status,
        bool EndpointRuns,
        string? Acao = null,
        string? Acac = null,
        string? Acam = null,
        string? Acah = null,
        string? MaxAge = null,
        string? Aceh = null,
        string? Vary = null,
        int? Event = null,
        string? Refused = null)
    {
        public Dictionary<string, string> Headers()
        {
            var headers = new Dictionary<string, string>();
            Put("Access-Control-Allow-Origin", Acao);
            Put("Access-Control-Allow-Credentials", Acac);
            Put("Access-Control-Allow-Methods", Acam);
            Put("Access-Control-Allow-Headers", Acah);
            Put("Access-Control-Max-Age", MaxAge);
            Put("Access-Control-Expose-Headers", Aceh);
            Put("Vary", Vary);
            return headers;

            void Put(string name, string? value)
            {
                if (value is not null)
                {
                    headers[name] = value;
                }
            }
        }

        public override string ToString() => Name;
    }
}
