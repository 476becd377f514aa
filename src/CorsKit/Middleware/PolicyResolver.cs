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
    private readonly CorsKitPolicySelection _appWideSelection;
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
        _appWideSelection = appWidePolicyName is null ? CorsKitPolicySelection.Default : CorsKitPolicySelection.Named(appWidePolicyName);
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
    /// <param name="selection">What was asked for: the default policy, a named one, or the endpoint's own.</param>
    public PolicyResponder? Resolve(Endpoint? endpoint, out bool disabled, out CorsKitPolicySelection selection)
    {
        disabled = false;
        selection = _appWideSelection;
        var metadata = endpoint?.Metadata.GetMetadata<ICorsKitMetadata>();
        switch (metadata)
        {
            case IDisableCorsKitMetadata:
                disabled = true;
                return null;
            case ICorsKitPolicyMetadata { Policy: { } inline }:
                selection = CorsKitPolicySelection.Endpoint(inline);
                return ForPolicy(inline, "(endpoint policy)");
            case ICorsKitPolicyMetadata selected:
                selection = selected.PolicyName is { } policyName ? CorsKitPolicySelection.Named(policyName) : CorsKitPolicySelection.Default;
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
    public PolicyResponder ForProvidedPolicy(CorsKitPolicy policy, CorsKitPolicySelection selection) =>
        _provided.TryGetValue(policy, out var responder) ? responder : AddProvidedPolicy(policy, selection);

    // Kept apart so the closure it needs is only allocated when a provider returns a policy seen for the first time.
    private PolicyResponder AddProvidedPolicy(CorsKitPolicy policy, CorsKitPolicySelection selection) =>
        _provided.GetValue(policy, p => new PolicyResponder(DisplayName(selection) + " (provided)", p, Diagnostics));

    private static string DisplayName(CorsKitPolicySelection selection) => selection.Kind switch
    {
        CorsKitPolicySelectionKind.Named => selection.Name!,
        CorsKitPolicySelectionKind.Endpoint => "(endpoint policy)",
        _ => "default",
    };

    // An endpoint naming an unregistered policy fails closed: a policy that allows no origin, and an error in the log.
    private PolicyResponder Missing(Endpoint endpoint, string name) =>
        _missing.GetOrAdd(name, static (missingName, state) =>
        {
            var isDefault = missingName == state.DefaultPolicyName;
            CorsKitLog.PolicyNotFound(
                state.Diagnostics.Logger,
                state.Endpoint.DisplayName ?? "(unnamed)",
                isDefault ? "the default policy" : $"the CORS policy '{missingName}'",
                isDefault ? "AddCorsKit(cors => cors.AddDefaultPolicy(p => ...))" : $"AddCorsKit(cors => cors.AddPolicy(\"{missingName}\", p => ...))");
            var refuseAll = new CorsKitPolicyBuilder().SetIsOriginAllowed(static _ => false).Build();
            var displayName = CorsKitOptions.DisplayName(missingName, state.DefaultPolicyName);
            return new PolicyResponder(displayName + " (not registered)", refuseAll, state.Diagnostics);
        }, (Diagnostics, Endpoint: endpoint, DefaultPolicyName: _defaultPolicyName));
}
