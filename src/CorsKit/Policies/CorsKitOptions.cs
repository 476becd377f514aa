namespace CorsKit;

/// <summary>
/// The policies an application registers with <c>AddCorsKit</c>: an optional default policy and any number of named
/// ones. Policies are validated when they are added, so a bad policy fails the application at startup.
/// </summary>
public sealed class CorsKitOptions
{
    private readonly Dictionary<string, CorsKitPolicy> _policies = new(StringComparer.Ordinal);

    /// <summary>
    /// Opt-in guard against cross-origin writes. CORS never stops a browser from <em>sending</em> a simple cross-origin
    /// request (a form post, a <c>text/plain</c> POST); it only hides the response. When this is <see langword="true"/>,
    /// a cross-origin request with an unsafe method (anything but GET, HEAD and OPTIONS) from an origin the applicable
    /// policy refuses (or to an endpoint with CORS disabled) is answered 403 Forbidden without running the endpoint.
    /// Endpoints with no applicable policy are not guarded. Behind a proxy, forward the public scheme and host
    /// (<c>UseForwardedHeaders</c>) or list your own origin in the policy, or same-origin writes are blocked too.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool BlockRefusedCrossOriginWrites { get; set; }

    /// <summary>
    /// Development aid: adds a <c>CorsKit-Refusal</c> response header to refused CORS requests stating why (the refused
    /// origin, method or header), visible in the browser's network tab. It reveals the policy's rules to any caller, so
    /// enable it in development only. Default: <see langword="false"/>.
    /// </summary>
    public bool IncludeRefusalReasonHeader { get; set; }

    /// <summary>The default policy, or <see langword="null"/> when none is registered. It has a slot of its own: no
    /// name is reserved for it, and <see cref="Policies"/> lists only the named policies.</summary>
    public CorsKitPolicy? DefaultPolicy { get; private set; }

    /// <summary>Every registered named policy by name.</summary>
    public IReadOnlyDictionary<string, CorsKitPolicy> Policies => _policies;

    /// <summary>Registers the default policy, used when neither the endpoint nor <c>UseCorsKit(name)</c> names one.</summary>
    /// <param name="configure">Configures the policy.</param>
    /// <exception cref="CorsKitConfigurationException">The policy is invalid.</exception>
    public void AddDefaultPolicy(Action<CorsKitPolicyBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new CorsKitPolicyBuilder();
        configure(builder);
        DefaultPolicy = builder.Build(DefaultPolicyDisplayName);
    }

    /// <summary>Registers an already built policy as the default policy, replacing any.</summary>
    /// <param name="policy">The policy.</param>
    public void AddDefaultPolicy(CorsKitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        DefaultPolicy = policy;
    }

    /// <summary>Registers a named policy, replacing any policy of that name.</summary>
    /// <param name="name">The policy name (case-sensitive).</param>
    /// <param name="configure">Configures the policy.</param>
    /// <exception cref="CorsKitConfigurationException">The policy is invalid.</exception>
    public void AddPolicy(string name, Action<CorsKitPolicyBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new CorsKitPolicyBuilder();
        configure(builder);
        _policies[name] = builder.Build(name);
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

    /// <summary>Problems found in bound configuration sections, each with its configuration path. Recorded rather than
    /// thrown so that a bad reload can be refused without an exception escaping a change callback.</summary>
    internal List<CorsKitConfigurationError> ConfigurationErrors { get; } = [];

    /// <summary>Paths of configuration sections given to <c>AddCorsKit</c> that do not exist or are empty.</summary>
    internal List<string> MissingConfigurationSections { get; } = [];

    /// <summary>How messages name the default policy.</summary>
    internal const string DefaultPolicyDisplayName = "default";

    /// <summary>The policy registered under <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy or <see langword="null"/>.</returns>
    public CorsKitPolicy? GetPolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _policies.GetValueOrDefault(name);
    }
}
