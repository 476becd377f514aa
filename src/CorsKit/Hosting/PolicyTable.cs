using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using CorsKit.Diagnostics;
using CorsKit.Evaluation;
using CorsKit.Resolution;
using Microsoft.AspNetCore.Http;

namespace CorsKit.Hosting;

/// <summary>
/// The policies of one <see cref="PolicySnapshot"/>, ready to serve: registered policies compiled once into a frozen
/// table, endpoint (inline) policies on first use, provider policies for as long as the provider keeps them alive.
/// Swapped whole when the snapshot changes.
/// </summary>
internal sealed class PolicyTable
{
    private readonly FrozenDictionary<string, PolicyEntry> _named;
    private readonly PolicyEntry? _default;
    private readonly PolicyEntry? _appWide;
    private readonly ConcurrentDictionary<CorsKitPolicy, PolicyEntry> _inline = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, PolicyEntry> _missing = new(StringComparer.Ordinal);

    // Provider policies come and go with the provider's cache: hold their entries only as long as the policy lives.
    private readonly ConditionalWeakTable<CorsKitPolicy, PolicyEntry> _provided = new();

    public PolicyTable(PolicySnapshot snapshot, string? appWidePolicyName, CorsReporter reporter)
    {
        Snapshot = snapshot;
        Reporter = reporter;
        Settings = new EvaluationSettings(snapshot.BlockRefusedWrites, snapshot.AllowSameSiteWrites);
        AppWide = appWidePolicyName is null ? CorsKitPolicySelection.Default : CorsKitPolicySelection.Named(appWidePolicyName);
        _named = snapshot.Policies.ToFrozenDictionary(p => p.Key, p => new PolicyEntry(p.Value, p.Key, reporter), StringComparer.Ordinal);
        _default = snapshot.DefaultPolicy is { } defaultPolicy ? new PolicyEntry(defaultPolicy, "default", reporter) : null;

        if (appWidePolicyName is not null && !_named.ContainsKey(appWidePolicyName))
        {
            throw new InvalidOperationException(
                $"UseCorsKit(\"{appWidePolicyName}\") names a policy that is not registered. Registered policies: "
                + (_named.Count == 0 ? "none" : string.Join(", ", _named.Keys.Select(name => $"'{name}'")))
                + $". Register it with AddCorsKit(cors => cors.AddPolicy(\"{appWidePolicyName}\", p => ...)).");
        }

        _appWide = appWidePolicyName is null ? _default : _named[appWidePolicyName];
    }

    public PolicySnapshot Snapshot { get; }

    public CorsReporter Reporter { get; }

    public EvaluationSettings Settings { get; }

    /// <summary>The entry serving endpoints without CorsKit metadata (what <see cref="Find"/> returns for them).</summary>
    public PolicyEntry? AppWideEntry => _appWide;

    /// <summary>What <c>UseCorsKit()</c> / <c>UseCorsKit(name)</c> selected for endpoints without CorsKit metadata.</summary>
    public CorsKitPolicySelection AppWide { get; }

    /// <summary>The entry serving a request's policy, or <see langword="null"/> when no policy applies.</summary>
    /// <param name="request">What the request asks for (not disabled).</param>
    /// <param name="endpoint">The endpoint, for the message when it names a policy that does not exist.</param>
    /// <returns>The entry.</returns>
    public PolicyEntry? Find(in PolicyRequest request, Endpoint? endpoint)
    {
        if (!request.DeclaredByEndpoint)
        {
            return _appWide;
        }

        var selection = request.Selection;
        return selection.Kind switch
        {
            CorsKitPolicySelectionKind.Endpoint => ForEndpointPolicy(selection.EndpointPolicy!),
            CorsKitPolicySelectionKind.Named => _named.GetValueOrDefault(selection.Name!) ?? Missing(endpoint, selection),
            _ => _default ?? Missing(endpoint, selection),
        };
    }

    /// <summary>The entry for a policy an <see cref="ICorsKitPolicyProvider"/> returned.</summary>
    /// <param name="policy">The provider's policy.</param>
    /// <param name="selection">What the endpoint asked for (names the policy in messages).</param>
    /// <returns>The entry.</returns>
    public PolicyEntry ForProvidedPolicy(CorsKitPolicy policy, CorsKitPolicySelection selection) =>
        _provided.TryGetValue(policy, out var entry) ? entry : AddProvidedPolicy(policy, selection);

    // A fixed set, known when endpoints are built.
    private PolicyEntry ForEndpointPolicy(CorsKitPolicy policy) =>
        _inline.GetOrAdd(policy, static (p, reporter) => new PolicyEntry(p, "(endpoint policy)", reporter), Reporter);

    // Kept apart so the closure it needs is only allocated when a provider returns a policy seen for the first time.
    private PolicyEntry AddProvidedPolicy(CorsKitPolicy policy, CorsKitPolicySelection selection) =>
        _provided.GetValue(policy, p => new PolicyEntry(p, DisplayName(selection) + " (provided)", Reporter));

    // An endpoint naming an unregistered policy fails closed: a policy that allows no origin, and an error in the log.
    private PolicyEntry Missing(Endpoint? endpoint, CorsKitPolicySelection selection) =>
        _missing.GetOrAdd(selection.Name ?? string.Empty, static (_, state) =>
        {
            var isDefault = state.Selection.Kind == CorsKitPolicySelectionKind.Default;
            CorsKitLog.PolicyNotFound(
                state.Reporter.Logger,
                state.Endpoint?.DisplayName ?? "(unnamed)",
                isDefault ? "the default policy" : $"the CORS policy '{state.Selection.Name}'",
                isDefault ? "AddCorsKit(cors => cors.AddDefaultPolicy(p => ...))" : $"AddCorsKit(cors => cors.AddPolicy(\"{state.Selection.Name}\", p => ...))");
            var refuseAll = new CorsKitPolicyBuilder().SetIsOriginAllowed(static _ => false).Build();
            return new PolicyEntry(refuseAll, DisplayName(state.Selection) + " (not registered)", state.Reporter);
        }, (Reporter, Endpoint: endpoint, Selection: selection));

    private static string DisplayName(CorsKitPolicySelection selection) => selection.Kind switch
    {
        CorsKitPolicySelectionKind.Named => selection.Name!,
        CorsKitPolicySelectionKind.Endpoint => "(endpoint policy)",
        _ => "default",
    };
}
