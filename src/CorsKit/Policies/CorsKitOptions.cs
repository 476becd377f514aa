namespace CorsKit;

/// <summary>
/// The policies an application registers with <c>AddCorsKit</c>: an optional default policy and any number of named
/// ones. Policies are validated when they are added, so a bad policy fails the application at startup.
/// </summary>
public sealed class CorsKitOptions
{
    private readonly Dictionary<string, CorsKitPolicy> _policies = new(StringComparer.Ordinal);

    /// <summary>The name under which the default policy is registered.</summary>
    public string DefaultPolicyName { get; set; } = "__CorsKitDefaultPolicy";

    /// <summary>Every registered policy by name (the default policy under <see cref="DefaultPolicyName"/>).</summary>
    public IReadOnlyDictionary<string, CorsKitPolicy> Policies => _policies;

    /// <summary>Registers the default policy, used when neither the endpoint nor <c>UseCorsKit(name)</c> names one.</summary>
    /// <param name="configure">Configures the policy.</param>
    /// <exception cref="CorsKitPolicyValidationException">The policy is invalid.</exception>
    public void AddDefaultPolicy(Action<CorsKitPolicyBuilder> configure) => AddPolicy(DefaultPolicyName, configure);

    /// <summary>Registers an already built policy as the default policy.</summary>
    /// <param name="policy">The policy.</param>
    public void AddDefaultPolicy(CorsKitPolicy policy) => AddPolicy(DefaultPolicyName, policy);

    /// <summary>Registers a named policy, replacing any policy of that name.</summary>
    /// <param name="name">The policy name (case-sensitive).</param>
    /// <param name="configure">Configures the policy.</param>
    /// <exception cref="CorsKitPolicyValidationException">The policy is invalid.</exception>
    public void AddPolicy(string name, Action<CorsKitPolicyBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new CorsKitPolicyBuilder();
        configure(builder);
        _policies[name] = builder.Build(name == DefaultPolicyName ? "default" : name);
    }

    /// <summary>Registers an already built named policy, replacing any policy of that name.</summary>
    /// <param name="name">The policy name (case-sensitive).</param>
    /// <param name="policy">The policy.</param>
    public void AddPolicy(string name, CorsKitPolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(policy);
        _policies[name] = policy;
    }

    /// <summary>The policy registered under <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy or <see langword="null"/>.</returns>
    public CorsKitPolicy? GetPolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _policies.GetValueOrDefault(name);
    }
}
