namespace CorsKit;

/// <summary>
/// The policies in force, replaceable at run time. Every change is an atomic swap: a request in flight keeps the policy
/// it started with, the next request sees the new one, and no request ever sees a mix. Inject it anywhere after
/// <c>AddCorsKit</c>.
/// </summary>
public interface ICorsKitPolicyRegistry
{
    /// <summary>The named policies in force, by name.</summary>
    IReadOnlyDictionary<string, CorsKitPolicy> Policies { get; }

    /// <summary>The default policy in force, or <see langword="null"/>.</summary>
    CorsKitPolicy? DefaultPolicy { get; }

    /// <summary>The policy in force under <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy or <see langword="null"/>.</returns>
    CorsKitPolicy? GetPolicy(string name);

    /// <summary>Adds or replaces a named policy. It outlives configuration reloads until removed.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="policy">The new policy (validated when it was built).</param>
    void SetPolicy(string name, CorsKitPolicy policy);

    /// <summary>Removes a named policy set with <see cref="SetPolicy"/> or from configuration. The removal outlives
    /// configuration reloads, like <see cref="SetPolicy"/>, until the name is set again.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns><see langword="true"/> when a policy was removed.</returns>
    bool RemovePolicy(string name);

    /// <summary>Sets or replaces the default policy. It outlives configuration reloads until removed.</summary>
    /// <param name="policy">The new default policy.</param>
    void SetDefaultPolicy(CorsKitPolicy policy);

    /// <summary>Removes the default policy (endpoints without CorsKit metadata then get no CORS headers). The removal
    /// outlives configuration reloads until a default policy is set again.</summary>
    /// <returns><see langword="true"/> when a default policy was removed.</returns>
    bool RemoveDefaultPolicy();
}
