using System.Collections.Concurrent;
using System.Collections.Frozen;
using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CorsKit.Middleware;

/// <summary>
/// Finds the policy for a request: endpoint metadata first (a named or inline policy, or CORS disabled), then the
/// app-wide policy given to <c>UseCorsKit</c>, then the default policy. Registered policies are looked up in a table
/// built once; inline endpoint policies get their responder on first use.
/// </summary>
internal sealed class PolicyResolver
{
    private readonly FrozenDictionary<string, PolicyResponder> _named;
    private readonly PolicyResponder? _appWide;
    private readonly ConcurrentDictionary<CorsKitPolicy, PolicyResponder> _inline = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, PolicyResponder> _missing = new(StringComparer.Ordinal);
    private readonly string _defaultPolicyName;
    private readonly ILogger _logger;

    public PolicyResolver(CorsKitOptions options, string? appWidePolicyName, ILogger logger)
    {
        _logger = logger;
        _defaultPolicyName = options.DefaultPolicyName;
        _named = options.Policies.ToFrozenDictionary(
            p => p.Key,
            p => new PolicyResponder(DisplayName(p.Key), p.Value, logger),
            StringComparer.Ordinal);

        foreach (var responder in _named.Values)
        {
            if (responder.Policy.HasOriginPredicate && responder.Policy.SupportsCredentials)
            {
                CorsKitLog.PredicateWithCredentials(logger, responder.PolicyName);
            }
        }

        if (appWidePolicyName is not null && !_named.ContainsKey(appWidePolicyName))
        {
            throw new InvalidOperationException(
                $"UseCorsKit(\"{appWidePolicyName}\") names a policy that is not registered. Registered policies: "
                + (_named.Count == 0 ? "none" : string.Join(", ", _named.Values.Select(r => $"'{r.PolicyName}'")))
                + $". Register it with AddCorsKit(cors => cors.AddPolicy(\"{appWidePolicyName}\", p => ...)).");
        }

        _appWide = _named.GetValueOrDefault(appWidePolicyName ?? _defaultPolicyName);
    }

    /// <summary>The responder for the request's policy, or <see langword="null"/> when no policy applies.</summary>
    /// <param name="endpoint">The matched endpoint, if any.</param>
    /// <param name="disabled">Whether the endpoint switched CORS off.</param>
    public PolicyResponder? Resolve(Endpoint? endpoint, out bool disabled)
    {
        disabled = false;
        var metadata = endpoint?.Metadata.GetMetadata<ICorsKitMetadata>();
        switch (metadata)
        {
            case null:
                return _appWide;
            case IDisableCorsKitMetadata:
                disabled = true;
                return null;
            case ICorsKitPolicyMetadata { Policy: { } inline }:
                return _inline.GetOrAdd(inline, static (policy, self) => new PolicyResponder("(endpoint policy)", policy, self._logger), this);
            case ICorsKitPolicyMetadata selected:
                var name = selected.PolicyName ?? _defaultPolicyName;
                return _named.GetValueOrDefault(name) ?? Missing(endpoint!, name);
            default:
                return _appWide;
        }
    }

    // An endpoint naming an unregistered policy fails closed: a policy that allows no origin, and an error in the log.
    private PolicyResponder Missing(Endpoint endpoint, string name) =>
        _missing.GetOrAdd(name, static (missingName, state) =>
        {
            CorsKitLog.PolicyNotFound(state.Self._logger, state.Endpoint.DisplayName ?? "(unnamed)", missingName);
            var refuseAll = new CorsKitPolicyBuilder().SetIsOriginAllowed(static _ => false).Build();
            return new PolicyResponder(missingName + " (not registered)", refuseAll, state.Self._logger);
        }, (Self: this, Endpoint: endpoint));

    private string DisplayName(string name) => name == _defaultPolicyName ? "default" : name;
}
