using System.Runtime.CompilerServices;
using CorsKit.Classification;
using CorsKit.Compilation;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Evaluation;

/// <summary>
/// Everything decided about one request, passed unchanged from the evaluator to the writer (which applies it) and the
/// reporter (which explains it): the request's kind, the outcome and why, the exact header values, and whether the
/// endpoint may run.
/// </summary>
/// <remarks>
/// The decision is built, returned and read on every request, so it is kept small (64 bytes): it stores only what
/// depends on the request, and the header values that are constant for a policy (<see cref="AllowCredentials"/>,
/// <see cref="MaxAge"/>, <see cref="ExposeHeaders"/>) are read from the compiled policy by the rules of the decision
/// itself, never by the writer. It is built by constructor, so the evaluator writes it straight into its caller's slot.
/// </remarks>
internal readonly struct CorsDecision
{
    // Inlined so its stores land in the decision being returned (see CorsEvaluator.Evaluate).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CorsDecision(
        RequestKind kind,
        CorsOutcome outcome,
        CompiledPolicy? policy,
        bool endpointRuns,
        VaryOn vary,
        StringValues allowOrigin = default,
        CorsRefusal refusal = CorsRefusal.None,
        StringSegment refusedItem = default,
        int statusCode = 0,
        StringValues allowMethods = default,
        StringValues allowHeaders = default,
        WriteGuardSignal guardSignal = WriteGuardSignal.None)
    {
        Kind = kind;
        Outcome = outcome;
        Refusal = refusal;
        Vary = vary;
        EndpointRuns = endpointRuns;
        StatusCode = statusCode;
        Policy = policy;
        AllowOrigin = allowOrigin;
        AllowMethods = allowMethods;
        AllowHeaders = allowHeaders;
        RefusedItem = refusedItem;
        GuardSignal = guardSignal;
    }

    public RequestKind Kind { get; }

    public CorsOutcome Outcome { get; }

    public CorsRefusal Refusal { get; }

    public VaryOn Vary { get; }

    /// <summary>Whether the request goes on to the endpoint. Preflights CorsKit answers and blocked writes do not.</summary>
    public bool EndpointRuns { get; }

    /// <summary>The status CorsKit answers with when the endpoint does not run.</summary>
    public int StatusCode { get; }

    /// <summary>The policy that decided, or <see langword="null"/> when none applies.</summary>
    public CompiledPolicy? Policy { get; }

    /// <summary><c>Access-Control-Allow-Origin</c>; empty when the response grants nothing.</summary>
    public StringValues AllowOrigin { get; }

    public StringValues AllowMethods { get; }

    public StringValues AllowHeaders { get; }

    /// <summary>The refused origin, method or header name (a slice of the request's own header value).</summary>
    public StringSegment RefusedItem { get; }

    /// <summary><c>Access-Control-Allow-Credentials: true</c> goes with every origin a credentialed policy grants.</summary>
    public bool AllowCredentials
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // read by the writer on every response; PGO left it out of line
        get => AllowOrigin.Count > 0 && Policy is { SupportsCredentials: true };
    }

    /// <summary><c>Access-Control-Max-Age</c>: only an allowed preflight may be cached.</summary>
    public StringValues MaxAge
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // read by the writer on every response; PGO left it out of line
        get => Kind == RequestKind.Preflight && Outcome == CorsOutcome.Allowed ? Policy!.MaxAgeValue : default;
    }

    /// <summary><c>Access-Control-Expose-Headers</c>: on every response (not a preflight) that carries an allowed origin.</summary>
    public StringValues ExposeHeaders
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // read by the writer on every response; PGO left it out of line
        get => Kind != RequestKind.Preflight && AllowOrigin.Count > 0 ? Policy!.ExposeHeadersValue : default;
    }

    /// <summary>For a write the guard blocked: the signal that decided (<c>Sec-Fetch-Site</c>, or the <c>Origin</c> fallback).</summary>
    public WriteGuardSignal GuardSignal { get; }

    public bool IsAllowed => Outcome == CorsOutcome.Allowed;
}
