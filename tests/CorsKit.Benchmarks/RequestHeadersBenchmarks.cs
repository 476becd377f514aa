using System.Text;
using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>The <c>Access-Control-Request-Headers</c> a preflight carries.</summary>
public enum RequestHeaderList
{
    Names1,
    Names10,
    Names50,

    /// <summary>One name followed by 8,000 " ," pairs (16 KB, within Kestrel's 32 KB header limit): the shape of the
    /// rs/cors denial-of-service report, where the work per request grew with the number of separators.</summary>
    Adversarial,
}

/// <summary>
/// Preflights from an allowed origin whose ACRH lists 1, 10 or 50 names that the policy allows (it allows 50), and an
/// adversarial ACRH whose cost must stay bounded.
/// </summary>
public class RequestHeadersBenchmarks : PipelineComparison
{
    [ParamsAllValues]
    public RequestHeaderList RequestHeaders { get; set; }

    public static string AdversarialValue { get; } = new StringBuilder(BenchPolicy.RequestHeaderName(0)).Insert(BenchPolicy.RequestHeaderName(0).Length, " ,", 8000).ToString();

    [GlobalSetup]
    public void Setup()
    {
        var policy = BenchPolicy.WithHeaderCount(50);
        var (value, outcome) = RequestHeaders switch
        {
            RequestHeaderList.Names1 => (Names(1), CorsOutcome.Allowed),
            RequestHeaderList.Names10 => (Names(10), CorsOutcome.Allowed),
            RequestHeaderList.Names50 => (Names(50), CorsOutcome.Allowed),
            // CorsKit refuses the oversized list; Microsoft's parser drops the empty items and allows it.
            RequestHeaderList.Adversarial => (AdversarialValue, CorsOutcome.OriginAllowed),
            _ => throw new InvalidOperationException(RequestHeaders.ToString()),
        };

        var scenario = RequestScenario.Preflight(BenchPolicy.AllowedOrigin, "PUT", value);
        CreateDrivers(policy, scenario, outcome, RequestHeaders.ToString());
    }

    private static string Names(int count) => string.Join(',', Enumerable.Range(0, count).Select(BenchPolicy.RequestHeaderName));
}
