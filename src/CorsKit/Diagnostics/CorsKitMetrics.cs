using System.Diagnostics.Metrics;

namespace CorsKit.Diagnostics;

/// <summary>
/// CorsKit's metrics, on the meter <c>CorsKit</c>: the counter <c>corskit.requests</c> tagged with the request
/// <c>kind</c> (preflight, actual, same_origin, not_cors), the <c>outcome</c> (allowed, refused, not_applicable) and,
/// for refusals, the <c>reason</c> (origin, method, header, disabled).
/// </summary>
internal sealed class CorsKitMetrics
{
    public const string MeterName = "CorsKit";
    public const string RequestsCounterName = "corskit.requests";

    private readonly Counter<long> _requests;

    public CorsKitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsCounterName, unit: "{request}", description: "Requests seen by the CorsKit middleware, by kind and outcome.");
    }

    public void Allowed(string kind)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "allowed"));
        }
    }

    public void Refused(string kind, string reason)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "refused"),
                new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void NotApplicable(string kind)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "not_applicable"));
        }
    }
}

/// <summary>Tag values of <see cref="CorsKitMetrics"/>.</summary>
internal static class MetricTags
{
    public const string Preflight = "preflight";
    public const string Actual = "actual";
    public const string SameOrigin = "same_origin";
    public const string NotCors = "not_cors";

    public const string Origin = "origin";
    public const string Method = "method";
    public const string Header = "header";
    public const string Disabled = "disabled";
}
