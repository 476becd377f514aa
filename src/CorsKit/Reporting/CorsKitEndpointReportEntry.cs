using Microsoft.AspNetCore.Routing;

namespace CorsKit;

/// <summary>One endpoint of a <see cref="CorsKitEndpointReport"/>: its route and methods, the CorsKit policy that
/// applies to it, and whether its CORS preflights reach CorsKit.</summary>
public sealed class CorsKitEndpointReportEntry
{
    internal CorsKitEndpointReportEntry(RouteEndpoint endpoint, IReadOnlyList<string> methods, CorsKitEndpointPolicyKind policyKind, string? policyName,
        CorsKitPolicy? policy, bool declaredByEndpoint, bool preflightRoutedToEndpoint, CorsKitPreflightReach preflight, string preflightExplanation)
    {
        Endpoint = endpoint;
        Methods = methods;
        PolicyKind = policyKind;
        PolicyName = policyName;
        Policy = policy;
        DeclaredByEndpoint = declaredByEndpoint;
        PreflightRoutedToEndpoint = preflightRoutedToEndpoint;
        Preflight = preflight;
        PreflightExplanation = preflightExplanation;
    }

    /// <summary>The endpoint.</summary>
    public RouteEndpoint Endpoint { get; }

    /// <summary>The endpoint's display name (e.g. <c>HTTP: PUT /api/todos/{id:int}</c>).</summary>
    public string DisplayName => Endpoint.DisplayName ?? RoutePattern;

    /// <summary>The route template as written (e.g. <c>/api/todos/{id:int}</c>).</summary>
    public string RoutePattern => Endpoint.RoutePattern.RawText ?? "/";

    /// <summary>The HTTP methods the endpoint is mapped for; empty when it accepts any method.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>Which kind of policy applies.</summary>
    public CorsKitEndpointPolicyKind PolicyKind { get; }

    /// <summary>The policy's name when <see cref="PolicyKind"/> is <see cref="CorsKitEndpointPolicyKind.Named"/>.</summary>
    public string? PolicyName { get; }

    /// <summary>The policy in force for the endpoint, or <see langword="null"/> when none applies, CORS is disabled, or the
    /// named policy is not registered (then CorsKit refuses the endpoint's CORS requests and logs event 8).</summary>
    public CorsKitPolicy? Policy { get; }

    /// <summary>Whether the endpoint (or its route group, controller or action) chose the policy, rather than the app-wide
    /// <c>UseCorsKit()</c>.</summary>
    public bool DeclaredByEndpoint { get; }

    /// <summary>Whether routing sends the endpoint's CORS preflights to the endpoint itself (it accepts any method or
    /// <c>OPTIONS</c>, or carries CorsKit metadata). Otherwise a preflight matches no endpoint of its own and CorsKit
    /// answers it with the app-wide policy.</summary>
    public bool PreflightRoutedToEndpoint { get; }

    /// <summary>Whether the endpoint's preflights reach CorsKit, inferred from the pipeline's configuration (no request is
    /// sent).</summary>
    public CorsKitPreflightReach Preflight { get; }

    /// <summary>Why, in a sentence, with the fix when the preflight does not reach CorsKit.</summary>
    public string PreflightExplanation { get; }

    /// <summary>The policy in words: <c>default policy (app-wide)</c>, <c>policy 'partners' (endpoint)</c>, <c>CORS disabled</c>, ...</summary>
    public string PolicyDescription => PolicyKind switch
    {
        CorsKitEndpointPolicyKind.None => "no policy",
        CorsKitEndpointPolicyKind.Disabled => "CORS disabled",
        CorsKitEndpointPolicyKind.Endpoint => "the endpoint's own policy",
        CorsKitEndpointPolicyKind.Named => $"policy '{PolicyName}'" + Origin + (Policy is null ? " (not registered)" : string.Empty),
        _ => "default policy" + Origin + (Policy is null ? " (not registered)" : string.Empty),
    };

    private string Origin => DeclaredByEndpoint ? " (endpoint)" : " (app-wide)";

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Methods.Count == 0 ? "*" : string.Join(',', Methods))} {RoutePattern}: {PolicyDescription}; preflight {PreflightExplanation}";
}
