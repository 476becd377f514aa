using System.Diagnostics.Metrics;
using CorsKit.Classification;

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
    private readonly Counter<long> _originCacheHits;
    private readonly Counter<long> _originCacheMisses;
    private readonly Counter<long> _originLookups;
    private readonly Counter<long> _originBudgetRefusals;
    private readonly Counter<long> _originLookupFailures;

    public CorsKitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsCounterName, unit: "{request}", description: "Requests seen by the CorsKit middleware, by kind and outcome.");
        _originCacheHits = meter.CreateCounter<long>(OriginCacheHitsCounterName, unit: "{answer}", description: "Origin-source answers served from the in-process cache.");
        _originCacheMisses = meter.CreateCounter<long>(OriginCacheMissesCounterName, unit: "{answer}", description: "Origin-source answers not in the in-process cache.");
        _originLookups = meter.CreateCounter<long>(OriginLookupsCounterName, unit: "{lookup}", description: "Lookups of the origin source, by result (allowed, refused, failed, timed_out) and by where the answer came from (source, shared_cache).");
        _originBudgetRefusals = meter.CreateCounter<long>(OriginBudgetRefusalsCounterName, unit: "{request}", description: "Uncached origins refused without a lookup because the lookup budget was exhausted.");
        _originLookupFailures = meter.CreateCounter<long>(OriginLookupFailuresCounterName, unit: "{lookup}", description: "Origin-source lookups that threw or timed out (the requests were refused).");
    }

    public const string OriginCacheHitsCounterName = "corskit.origin_source.cache_hits";
    public const string OriginCacheMissesCounterName = "corskit.origin_source.cache_misses";
    public const string OriginLookupsCounterName = "corskit.origin_source.lookups";
    public const string OriginBudgetRefusalsCounterName = "corskit.origin_source.budget_refusals";
    public const string OriginLookupFailuresCounterName = "corskit.origin_source.failures";

    public void OriginCacheHit() => _originCacheHits.Add(1);

    public void OriginCacheMiss() => _originCacheMisses.Add(1);

    public void OriginBudgetRefusal() => _originBudgetRefusals.Add(1);

    public void OriginLookup(string result, string from)
    {
        if (_originLookups.Enabled)
        {
            _originLookups.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("from", from));
        }
    }

    public void OriginLookupFailure(string reason)
    {
        if (_originLookupFailures.Enabled)
        {
            _originLookupFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Allowed(RequestKind kind)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", MetricTags.Kind(kind)), new KeyValuePair<string, object?>("outcome", "allowed"));
        }
    }

    public void Refused(RequestKind kind, string reason)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", MetricTags.Kind(kind)), new KeyValuePair<string, object?>("outcome", "refused"),
                new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void NotApplicable(RequestKind kind)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("kind", MetricTags.Kind(kind)), new KeyValuePair<string, object?>("outcome", "not_applicable"));
        }
    }
}

/// <summary>Tag values of <see cref="CorsKitMetrics"/>.</summary>
internal static class MetricTags
{
    /// <summary>The <c>kind</c> tag of a request kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The tag value.</returns>
    public static string Kind(RequestKind kind) => kind switch
    {
        RequestKind.NotCors => NotCors,
        RequestKind.SameOrigin => SameOrigin,
        RequestKind.Preflight => Preflight,
        _ => Actual,
    };

    public const string Preflight = "preflight";
    public const string Actual = "actual";
    public const string SameOrigin = "same_origin";
    public const string NotCors = "not_cors";

    public const string Origin = "origin";
    public const string Method = "method";
    public const string Header = "header";
    public const string Disabled = "disabled";
}
