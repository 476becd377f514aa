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
    /// a write (any method but <c>GET</c>, <c>HEAD</c>, <c>OPTIONS</c> and <c>QUERY</c>, compared case-sensitively) that
    /// the browser says came from elsewhere, and whose origin the applicable policy refuses, is answered 403 Forbidden
    /// without running the endpoint. Writes to an endpoint with CORS disabled are blocked from every other origin.
    /// Endpoints with no applicable policy are not guarded. Default: <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// <para>The guard decides from the browser's Fetch Metadata first. <c>Sec-Fetch-Site: same-origin</c> and
    /// <c>none</c> (typed or bookmarked by the user) pass, whatever <c>Origin</c> says (a same-origin form post from a
    /// <c>Referrer-Policy: no-referrer</c> page sends <c>Origin: null</c>). <c>cross-site</c>, and any value no browser
    /// sends, pass only if the policy allows the request's origin. <c>same-site</c> is treated like <c>cross-site</c>
    /// unless <see cref="AllowSameSiteWrites"/> is set.</para>
    /// <para>Only when <c>Sec-Fetch-Site</c> is absent (older browsers, plain-HTTP non-localhost sites, non-browser
    /// clients) does the guard compare <c>Origin</c> with the request's own scheme and host: no <c>Origin</c> passes, a
    /// matching one passes, anything else (including <c>null</c> and malformed origins with user info or a path) needs the
    /// policy's approval. Behind a proxy that hides the public host, that fallback needs the forwarded scheme and host
    /// (<c>UseForwardedHeaders</c>); browsers that send <c>Sec-Fetch-Site</c> do not.</para>
    /// </remarks>
    public bool BlockRefusedCrossOriginWrites { get; set; }

    /// <summary>
    /// Whether <see cref="BlockRefusedCrossOriginWrites"/> lets writes with <c>Sec-Fetch-Site: same-site</c> through
    /// without checking their origin against the policy. Default: <see langword="false"/>: a same-site write passes only
    /// when the policy allows its origin, as a cross-site one does.
    /// </summary>
    /// <remarks>
    /// "Same site" means the same registrable domain (scheme-aware): <c>https://blog.example.com</c> and
    /// <c>https://api.example.com</c> are same-site, and so may be a subdomain you host user content on or lost control
    /// of. Go's <c>CrossOriginProtection</c> and the protection announced for ASP.NET Core 11 also refuse same-site writes
    /// by default; Rails' header-only check lets them through. Turn this on only when every host of your site is trusted
    /// as much as the API itself; listing the trusted sibling origins in the policy is the narrower choice. Has no effect
    /// unless <see cref="BlockRefusedCrossOriginWrites"/> is <see langword="true"/>. Configuration key:
    /// <c>AllowSameSiteWrites</c>.
    /// </remarks>
    public bool AllowSameSiteWrites { get; set; }

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
