using CorsKit.Classification;
using CorsKit.Compilation;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Evaluation;

/// <summary>
/// Everything decided about one request, passed unchanged from the evaluator to the writer (which applies it) and the
/// reporter (which explains it): the request's kind, the outcome and why, the exact header values, and whether the
/// endpoint may run.
/// </summary>
internal readonly struct CorsDecision
{
    public RequestKind Kind { get; init; }

    public CorsOutcome Outcome { get; init; }

    public CorsRefusal Refusal { get; init; }

    /// <summary>The refused origin, method or header name (a slice of the request's own header value).</summary>
    public StringSegment RefusedItem { get; init; }

    /// <summary>The policy that decided, or <see langword="null"/> when none applies.</summary>
    public CompiledPolicy? Policy { get; init; }

    /// <summary>Whether the request goes on to the endpoint. Preflights CorsKit answers and blocked writes do not.</summary>
    public bool EndpointRuns { get; init; }

    /// <summary>The status CorsKit answers with when the endpoint does not run.</summary>
    public int StatusCode { get; init; }

    public StringValues AllowOrigin { get; init; }

    public bool AllowCredentials { get; init; }

    public StringValues AllowMethods { get; init; }

    public StringValues AllowHeaders { get; init; }

    public StringValues MaxAge { get; init; }

    public StringValues ExposeHeaders { get; init; }

    public VaryOn Vary { get; init; }

    /// <summary>For a write the guard blocked: the signal that decided (<c>Sec-Fetch-Site</c>, or the <c>Origin</c> fallback).</summary>
    public WriteGuardSignal GuardSignal { get; init; }

    public bool IsAllowed => Outcome == CorsOutcome.Allowed;
}
