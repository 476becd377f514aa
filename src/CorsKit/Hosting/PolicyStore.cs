using CorsKit.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CorsKit.Hosting;

/// <summary>
/// Holds the <see cref="PolicySnapshot"/> in force. It is built once from <see cref="CorsKitOptions"/> (code and
/// configuration) at startup — the same options instance <c>ValidateOnStart</c> validated, through the options monitor's
/// cache — rebuilt when the monitor reports a change (the bound configuration sections register their change tokens
/// with it), and changed by <see cref="ICorsKitPolicyRegistry"/> calls; an invalid reload keeps the last good snapshot
/// and logs why.
/// </summary>
internal sealed class PolicyStore : ICorsKitPolicyRegistry, IDisposable
{
    private readonly IOptionsMonitor<CorsKitOptions> _monitor;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CorsKitPolicy?> _runtimeChanges = new(StringComparer.Ordinal);
    private (bool Changed, CorsKitPolicy? Policy) _runtimeDefault;
    private readonly IDisposable? _reloadRegistration;
    private readonly HashSet<string> _warnedPredicatePolicies = new(StringComparer.Ordinal);
    private bool _warnedDefaultPredicate;
    private CorsKitOptions? _options;
    private volatile PolicySnapshot? _current;

    public PolicyStore(IOptionsMonitor<CorsKitOptions> monitor, ILoggerFactory loggerFactory)
    {
        _monitor = monitor;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _reloadRegistration = monitor.OnChange(Reload);
    }

    /// <summary>The snapshot in force. The first call builds it and throws if the configuration is invalid.</summary>
    public PolicySnapshot Current => _current ?? CreateFirstSnapshot();

    // Out of line so that the getter, read on every request, inlines to one field read.
    private PolicySnapshot CreateFirstSnapshot()
    {
        lock (_gate)
        {
            if (_current is null)
            {
                var options = _monitor.CurrentValue;
                if (options.ConfigurationErrors.Count > 0)
                {
                    throw new CorsKitConfigurationException([.. options.ConfigurationErrors]);
                }

                _options = options;
                _current = CreateSnapshot(options);
            }

            return _current;
        }
    }

    public IReadOnlyDictionary<string, CorsKitPolicy> Policies => Current.Policies;

    /// <summary>Configuration sections bound at startup that do not exist or are empty.</summary>
    public IReadOnlyList<string> MissingConfigurationSections
    {
        get
        {
            _ = Current;
            return _options!.MissingConfigurationSections;
        }
    }

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

    public CorsKitPolicy? DefaultPolicy => Current.DefaultPolicy;

    public void SetDefaultPolicy(CorsKitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _ = Change(name: null, policy);
    }

    public bool RemoveDefaultPolicy() => Change(name: null, policy: null);

    public void Dispose() => _reloadRegistration?.Dispose();

    /// <summary>Applies a runtime change (<paramref name="name"/> <see langword="null"/>: the default policy) and swaps the
    /// snapshot; returns whether such a policy was in force.</summary>
    private bool Change(string? name, CorsKitPolicy? policy)
    {
        _ = Current;
        bool existed;
        lock (_gate)
        {
            existed = name is null ? _current!.DefaultPolicy is not null : _current!.Policies.ContainsKey(name);
            if (policy is null && !existed)
            {
                return false;
            }

            if (name is null)
            {
                _runtimeDefault = (true, policy);
            }
            else
            {
                _runtimeChanges[name] = policy;
            }

            _current = CreateSnapshot(_options!);
        }

        CorsKitLog.PolicyChanged(_logger, name ?? CorsKitOptions.DefaultPolicyDisplayName, policy is null ? "removed" : existed ? "replaced" : "added");
        return existed;
    }

    // Runs on the configuration's change callback: nothing may escape from here, or it could take the process down.
    // An invalid section keeps the last good policies: a typo in appsettings.json must not take CORS down.
    private void Reload(CorsKitOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        if (options.ConfigurationErrors.Count > 0)
        {
            CorsKitLog.ConfigurationReloadFailed(_logger, new CorsKitConfigurationException([.. options.ConfigurationErrors]).Message);
            return;
        }

        try
        {
            lock (_gate)
            {
                _options = options;
                _current = CreateSnapshot(options);
            }

            CorsKitLog.ConfigurationReloaded(_logger, options.Policies.Count);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
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

        var defaultPolicy = _runtimeDefault.Changed ? _runtimeDefault.Policy : options.DefaultPolicy;
        WarnAboutNewPredicatesWithCredentials(policies, defaultPolicy);
        return new PolicySnapshot(policies, defaultPolicy, options.BlockRefusedCrossOriginWrites, options.IncludeRefusalReasonHeader, options.AllowSameSiteWrites);
    }

    // Once per policy name (and once for the default policy) for the life of the application, not on every reload or
    // UseCorsKit call. The default policy has its own flag: a named policy may well be called "default".
    private void WarnAboutNewPredicatesWithCredentials(Dictionary<string, CorsKitPolicy> policies, CorsKitPolicy? defaultPolicy)
    {
        foreach (var (name, policy) in policies)
        {
            if (IsPredicateWithCredentials(policy) && _warnedPredicatePolicies.Add(name))
            {
                CorsKitLog.PredicateWithCredentials(_logger, name);
            }
        }

        if (defaultPolicy is not null && IsPredicateWithCredentials(defaultPolicy) && !_warnedDefaultPredicate)
        {
            _warnedDefaultPredicate = true;
            CorsKitLog.PredicateWithCredentials(_logger, CorsKitOptions.DefaultPolicyDisplayName);
        }

        static bool IsPredicateWithCredentials(CorsKitPolicy policy) => policy.HasOriginPredicate && policy.SupportsCredentials;
    }
}
