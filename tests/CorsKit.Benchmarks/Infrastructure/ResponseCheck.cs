using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>What a CORS pipeline must have answered.</summary>
public enum CorsOutcome
{
    /// <summary>Everything granted: ACAO echoes the origin, with credentials (and, for a preflight, methods, headers, max-age).</summary>
    Allowed,

    /// <summary>The origin is granted; whether the requested headers are is left open.</summary>
    OriginAllowed,

    /// <summary>The origin is refused: no <c>Access-Control-Allow-Origin</c>.</summary>
    RefusedOrigin,

    /// <summary>The origin is allowed but a requested header is not: it is never listed in ACAH.</summary>
    RefusedHeader,

    /// <summary>Not a CORS request (no Origin, or same-origin): nothing granted.</summary>
    NotCors,
}

/// <summary>
/// Checks one response of a <see cref="RequestDriver"/> against the expected outcome, so that a benchmark or a test
/// cannot measure a pipeline that silently did nothing (for instance OnStarting callbacks that never ran).
/// </summary>
public static class ResponseCheck
{
    public static CorsOutcome ExpectedOutcome(CorsPath path) => path switch
    {
        CorsPath.PreflightAllowed or CorsPath.ActualAllowed => CorsOutcome.Allowed,
        CorsPath.PreflightRefusedOrigin or CorsPath.ActualRefused => CorsOutcome.RefusedOrigin,
        CorsPath.PreflightRefusedHeader => CorsOutcome.RefusedHeader,
        CorsPath.NoOrigin or CorsPath.SameOrigin => CorsOutcome.NotCors,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    /// <summary>Invokes the driver once and throws <see cref="InvalidOperationException"/> if the response is wrong.</summary>
    public static void InvokeAndVerify(CorsPipeline pipeline, RequestDriver driver, CorsOutcome outcome, string label)
    {
        ArgumentNullException.ThrowIfNull(driver);
        driver.Invoke();
        var problems = Problems(pipeline, driver, outcome);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Sanity check failed for {pipeline} / {label}: {string.Join("; ", problems)}. Response: {Describe(driver.Response)}");
        }
    }

    public static List<string> Problems(CorsPipeline pipeline, RequestDriver driver, CorsOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(driver);
        var problems = new List<string>();
        var response = driver.Response;
        var headers = response.Headers;
        var scenario = driver.Scenario;

        if (pipeline == CorsPipeline.None)
        {
            Expect(response.StatusCode == StatusCodes.Status200OK, "status 200 from the endpoint", problems);
            Expect(!headers.Keys.Any(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)), "no Access-Control-* header", problems);
            return problems;
        }

        var expectedStatus = scenario.IsPreflight ? StatusCodes.Status204NoContent : StatusCodes.Status200OK;
        Expect(response.StatusCode == expectedStatus, $"status {expectedStatus}", problems);

        switch (outcome)
        {
            case CorsOutcome.Allowed:
                Expect(headers.AccessControlAllowOrigin == scenario.Origin, "ACAO echoing the origin", problems);
                Expect(headers.AccessControlAllowCredentials == "true", "ACAC true", problems);
                if (scenario.IsPreflight)
                {
                    Expect(Lists(headers.AccessControlAllowMethods, scenario.RequestMethod!), "ACAM listing the requested method", problems);
                    foreach (var name in (scenario.RequestHeaders ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        Expect(Lists(headers.AccessControlAllowHeaders, name), $"ACAH listing {name}", problems);
                    }

                    Expect(headers.AccessControlMaxAge.Count == 1, "ACMA", problems);
                }
                else
                {
                    Expect(driver.OnStartingCallbacksRun > 0, "an OnStarting callback", problems);
                    Expect(Lists(headers.AccessControlExposeHeaders, "X-Total-Count"), "ACEH listing X-Total-Count", problems);

                    // (Microsoft's middleware leaves Vary out when the policy lists a single origin.)
                    Expect(pipeline != CorsPipeline.CorsKit || Lists(headers.Vary, "Origin"), "Vary: Origin", problems);
                }

                break;
            case CorsOutcome.OriginAllowed:
                Expect(headers.AccessControlAllowOrigin == scenario.Origin, "ACAO echoing the origin", problems);
                break;
            case CorsOutcome.RefusedOrigin:
                Expect(headers.AccessControlAllowOrigin.Count == 0, "no ACAO", problems);
                Expect(headers.AccessControlAllowCredentials.Count == 0, "no ACAC", problems);
                break;
            case CorsOutcome.RefusedHeader:
                Expect(!Lists(headers.AccessControlAllowHeaders, "x-forbidden"), "ACAH not listing x-forbidden", problems);
                if (pipeline == CorsPipeline.CorsKit)
                {
                    // (Microsoft's middleware sends its ACMA even then.)
                    Expect(headers.AccessControlMaxAge.Count == 0, "no ACMA", problems);
                    Expect(headers.AccessControlAllowOrigin == scenario.Origin, "ACAO echoing the origin", problems);
                }

                break;
            case CorsOutcome.NotCors:
                Expect(headers.AccessControlAllowOrigin.Count == 0, "no ACAO", problems);
                if (pipeline == CorsPipeline.CorsKit)
                {
                    Expect(driver.OnStartingCallbacksRun > 0, "an OnStarting callback", problems);
                    Expect(Lists(headers.Vary, "Origin"), "Vary: Origin", problems);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }

        return problems;
    }

    private static void Expect(bool condition, string what, List<string> problems)
    {
        if (!condition)
        {
            problems.Add("expected " + what);
        }
    }

    private static bool Lists(StringValues values, string token) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            .Contains(token, StringComparer.OrdinalIgnoreCase);

    private static string Describe(HttpResponse response) =>
        $"{response.StatusCode} " + string.Join(" | ", response.Headers.Select(h => $"{h.Key}: {h.Value}"));
}
