using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;
using CorsKit.Classification;
using CorsKit.Compilation;
using CorsKit.Evaluation;
using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Benchmarks;

/// <summary>
/// Where CorsKit's preflight time goes, piece by piece (uses CorsKit internals, visible to this assembly): the whole
/// pure decision, then the steps it is made of for an ACRH of 1, 10 and 50 names, and the response-header writes the
/// middleware does after it. Not one of the comparisons: run it with <c>--filter '*Breakdown*'</c>.
/// </summary>
[MemoryDiagnoser]
public class CorsKitBreakdownBenchmarks
{
    private CompiledPolicy _policy = null!;
    private StringValues _origin;
    private StringValues _method;
    private StringValues _requestHeaders;
    private string[] _names = [];
    private readonly HeaderDictionary _responseHeaders = new();

    [Params(1, 10, 50)]
    public int Names { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var policy = BenchPolicy.WithHeaderCount(50);
        var built = new CorsKitPolicyBuilder()
            .WithOrigins([.. policy.Origins])
            .WithMethods([.. policy.Methods])
            .WithHeaders([.. policy.Headers])
            .WithExposedHeaders([.. policy.ExposedHeaders])
            .AllowCredentials()
            .SetPreflightMaxAge(policy.MaxAge)
            .Build();
        _policy = new CompiledPolicy(built, "bench");
        _origin = BenchPolicy.AllowedOrigin;
        _method = "PUT";
        _names = [.. Enumerable.Range(0, Names).Select(BenchPolicy.RequestHeaderName)];
        _requestHeaders = string.Join(',', _names);
        if (!Decide().IsAllowed)
        {
            throw new InvalidOperationException("The preflight should be allowed.");
        }
    }

    private CorsDecision Decide() =>
        CorsEvaluator.Evaluate(_policy, corsDisabled: false, endpointHandlesOptions: false,
            new RequestFacts(_origin, "OPTIONS", _method, _requestHeaders, "https", "api.example.com"), default);

    /// <summary>The whole pure decision (origin, method, every requested header).</summary>
    [Benchmark(Baseline = true)]
    public bool Evaluate() => Decide().IsAllowed;

    /// <summary>The origin lookup alone.</summary>
    [Benchmark]
    public bool OriginMatch() => _policy.Origins.IsAllowed(BenchPolicy.AllowedOrigin);

    /// <summary>The origin lookup for a refused origin: exact miss, parse, wildcard pattern tried.</summary>
    [Benchmark]
    public bool OriginMatchRefused() => _policy.Origins.IsAllowed(BenchPolicy.RefusedOrigin);

    /// <summary>Splitting the ACRH list into trimmed names, nothing else.</summary>
    [Benchmark]
    public int SplitList()
    {
        var list = new HeaderNameList(_requestHeaders);
        var count = 0;
        while (list.TryGetNext(out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>The token-grammar check of every name.</summary>
    [Benchmark]
    public int TokenCheck()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += HttpToken.IsToken(name) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The case-insensitive set lookup of every name (FrozenSet alternate lookup on spans).</summary>
    [Benchmark]
    public int HeaderLookup()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += _policy.HeaderLookup.Contains(name.AsSpan()) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The six response headers an allowed preflight gets, written into a (cleared) HeaderDictionary.</summary>
    [Benchmark]
    public int WriteResponseHeaders()
    {
        IHeaderDictionary headers = _responseHeaders;
        headers.Clear();
        headers.Vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
        headers.AccessControlAllowOrigin = _origin;
        headers.AccessControlAllowCredentials = "true";
        headers.AccessControlAllowMethods = _policy.AllowMethodsValue;
        headers.AccessControlAllowHeaders = _policy.AllowHeadersValue;
        headers.AccessControlMaxAge = _policy.MaxAgeValue;
        return headers.Count;
    }
}
