using CorsKit.Configuration;
using CorsKit.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Middleware;

/// <summary>
/// Holds the <see cref="PolicySnapshot"/> in force. It is built from <see cref="CorsKitOptions"/> (code and
/// configuration) at startup, rebuilt when the configuration section reloads, and changed by
/// <see cref="ICorsKitPolicyRegistry"/> calls; an invalid reload keeps the last good snapshot and logs why.
/// </summary>
internal sealed class PolicyStore : ICorsKitPolicyRegistry, IDisposable
{
    private readonly IOptionsFactory<CorsKitOptions> _optionsFactory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CorsKitPolicy?> _runtimeChanges = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _reloadRegistrations = [];
    private readonly HashSet<string> _warnedPredicatePolicies = new(StringComparer.Ordinal);
    private CorsKitOptions? _options;
    private volatile PolicySnapshot? _current;

    public PolicyStore(IOptionsFactory<CorsKitOptions> optionsFactory, IEnumerable<IConfigureOptions<CorsKitOptions>> configurations, ILoggerFactory loggerFactory)
    {
        _optionsFactory = optionsFactory;
        _logger = loggerFactory.CreateLogger("CorsKit");
        foreach (var binder in configurations.OfType<CorsKitConfigurationBinder>())
        {
            _reloadRegistrations.Add(ChangeToken.OnChange(binder.Section.GetReloadToken, Reload));
        }
    }

    /// <summary>The snapshot in force. The first call builds it and throws if the configuration is invalid.</summary>
    public PolicySnapshot Current
    {
        get
        {
            if (_current is { } current)
            {
                return current;
            }

            lock (_gate)
            {
                _options ??= _optionsFactory.Create(Options.DefaultName);
                return _current ??= CreateSnapshot(_options);
            }
        }
    }

    public IReadOnlyDictionary<string, CorsKitPolicy> Policies => Current.Policies;

    public CorsKitPolicy? GetPolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Current.Policies.GetValueOrDefault(name);
    }

    public void SetPolicy(string name, CorsKitPolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(policy);
        _ = Change(name, policy);
    }

    public bool RemovePolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Change(name, null);
    }

    public void Dispose() => _reloadRegistrations.ForEach(registration => registration.Dispose());

    /// <summary>Applies a runtime change and swaps the snapshot; returns whether a policy of that name was in force.</summary>
    private bool Change(string name, CorsKitPolicy? policy)
    {
        _ = Current;
        bool existed;
        lock (_gate)
        {
            existed = _current!.Policies.ContainsKey(name);
            if (policy is null && !existed)
            {
                return false;
            }

            _runtimeChanges[name] = policy;
            _current = CreateSnapshot(_options!);
        }

        CorsKitLog.PolicyChanged(_logger, name, policy is null ? "removed" : existed ? "replaced" : "added");
        return existed;
    }

    private void Reload()
    {
        try
        {
            var options = _optionsFactory.Create(Options.DefaultName);
            lock (_gate)
            {
                _options = options;
                _current = CreateSnapshot(options);
            }

            CorsKitLog.ConfigurationReloaded(_logger, options.Policies.Count);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // This runs on the configuration's change callback: an exception escaping here could take the process down.
            // Keep serving with the last good policies: a typo in appsettings.json must not take CORS down.
            CorsKitLog.ConfigurationReloadFailed(_logger, exception.Message);
        }
    }

    private PolicySnapshot CreateSnapshot(CorsKitOptions options)
    {
        var policies = new Dictionary<string, CorsKitPolicy>(options.Policies, StringComparer.Ordinal);
        foreach (var (name, policy) in _runtimeChanges)
        {
            if (policy is null)
            {
                policies.Remove(name);
            }
            else
            {
                policies[name] = policy;
            }
        }

        WarnAboutNewPredicatesWithCredentials(policies, options);
        return new PolicySnapshot(policies, options.DefaultPolicyName, options.BlockRefusedCrossOriginWrites, options.IncludeRefusalReasonHeader);
    }

    // Once per policy name for the life of the application, not on every reload or UseCorsKit call.
    private void WarnAboutNewPredicatesWithCredentials(Dictionary<string, CorsKitPolicy> policies, CorsKitOptions options)
    {
        foreach (var (name, policy) in policies)
        {
            if (policy.HasOriginPredicate && policy.SupportsCredentials && _warnedPredicatePolicies.Add(name))
            {
                CorsKitLog.PredicateWithCredentials(_logger, options.DisplayName(name));
            }
        }
    }
}
