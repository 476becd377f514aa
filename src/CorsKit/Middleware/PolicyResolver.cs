using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CorsKit.Middleware;

/// <summary>
/// Finds the policy for a request within one <see cref="PolicySnapshot"/>: endpoint metadata first (a named or inline
/// policy, or CORS disabled), then the app-wide policy given to <c>UseCorsKit</c>, then the default policy.
/// Registered policies are looked up in a table built once; inline endpoint policies get their responder on first use.
/// </summary>
internal sealed class PolicyResolver
{
    private readonly FrozenDictionary<string, PolicyResponder> _named;
    private readonly PolicyResponder? _appWide;
    private readonly string? _appWidePolicyName;
    private readonly ConcurrentDictionary<CorsKitPolicy, PolicyResponder> _inline = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, PolicyResponder> _missing = new(StringComparer.Ordinal);

    // Provider policies come and go with the provider's cache: hold their responders only as long as the policy lives.
    private readonly ConditionalWeakTable<CorsKitPolicy, PolicyResponder> _provided = new();
    private readonly string _defaultPolicyName;

    public PolicyResolver(PolicySnapshot snapshot, string? appWidePolicyName, CorsKitDiagnostics diagnostics)
    {
        Snapshot = snapshot;
        Diagnostics = diagnostics;
        _defaultPolicyName = snapshot.DefaultPolicyName;
        _appWidePolicyName = appWidePolicyName;
        _named = snapshot.Policies.ToFrozenDictionary(
            p => p.Key,
            p => new PolicyResponder(CorsKitOptions.DisplayName(p.Key, snapshot.DefaultPolicyName), p.Value, diagnostics),
            StringComparer.Ordinal);

        if (appWidePolicyName is not null && !_named.ContainsKey(appWidePolicyName))
        {
            throw new InvalidOperationException(
                $"UseCorsKit(\"{appWidePolicyName}\") names a policy that is not registered. Registered policies: "
                + (_named.Count == 0 ? "none" : string.Join(", ", _named.Values.Select(r => $"'{r.PolicyName}'")))
                + $". Register it with AddCorsKit(cors => cors.AddPolicy(\"{appWidePolicyName}\", p => ...)).");
        }

        _appWide = _named.GetValueOrDefault(appWidePolicyName ?? _defaultPolicyName);
    }

    public PolicySnapshot Snapshot { get; }

    public CorsKitDiagnostics Diagnostics { get; }

    /// <summary>The responder for the request's policy, or <see langword="null"/> when no policy applies.</summary>
    /// <param name="endpoint">The matched endpoint, if any.</param>
    /// <param name="disabled">Whether the endpoint switched CORS off.</param>
    /// <param name="policyName">The selected policy name (<see langword="null"/> for the default or an inline policy).</param>
    public PolicyResponder? Resolve(Endpoint? endpoint, out bool disabled, out string? policyName)
    {
        disabled = false;
        policyName = _appWidePolicyName;
        var metadata = endpoint?.Metadata.GetMetadata<ICorsKitMetadata>();
        switch (metadata)
        {
            case IDisableCorsKitMetadata:
                disabled = true;
                return null;
            case ICorsKitPolicyMetadata { Policy: { } inline }:
                policyName = null;
                return ForPolicy(inline, "(endpoint policy)");
            case ICorsKitPolicyMetadata selected:
                policyName = selected.PolicyName;
                var name = selected.PolicyName ?? _defaultPolicyName;
                return _named.GetValueOrDefault(name) ?? Missing(endpoint!, name);
            default:
                return _appWide;
        }
    }

    /// <summary>The responder for a policy defined on an endpoint (a fixed set, known when endpoints are built).</summary>
    public PolicyResponder ForPolicy(CorsKitPolicy policy, string displayName) =>
        _inline.GetOrAdd(policy, static (p, state) => new PolicyResponder(state.DisplayName, p, state.Diagnostics), (DisplayName: displayName, Diagnostics));

    /// <summary>The responder for a policy an <see cref="ICorsKitPolicyProvider"/> returned.</summary>
    public PolicyResponder ForProvidedPolicy(CorsKitPolicy policy, string? policyName) =>
        _provided.TryGetValue(policy, out var responder) ? responder : AddProvidedPolicy(policy, policyName);

    // Kept apart so the closure it needs is only allocated when a provider returns a policy seen for the first time.
    private PolicyResponder AddProvidedPolicy(CorsKitPolicy policy, string? policyName) =>
        _provided.GetValue(policy, p => new PolicyResponder((policyName ?? "default") + " (provided)", p, Diagnostics));

    // An endpoint naming an unregistered policy fails closed: a policy that allows no origin, and an error in the log.
    private PolicyResponder Missing(Endpoint endpoint, string name) =>
        _missing.GetOrAdd(name, static (missingName, state) =>
        {
            CorsKitLog.PolicyNotFound(state.Diagnostics.Logger, state.Endpoint.DisplayName ?? "(unnamed)", missingName);
            var refuseAll = new CorsKitPolicyBuilder().SetIsOriginAllowed(static _ => false).Build();
            return new PolicyResponder(missingName + " (not registered)", refuseAll, state.Diagnostics);
        }, (Diagnostics, Endpoint: endpoint));
}
