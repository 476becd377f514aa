namespace CorsKit.DynamicOrigins;

/// <summary>What an answer is cached under: the policy, the tenant (empty for none) and the origin. Made of strings the
/// request already holds, so building one and looking it up allocates nothing.</summary>
internal readonly struct OriginCacheKey(string policy, string tenant, string origin) : IEquatable<OriginCacheKey>
{
    public string Policy { get; } = policy;

    public string Tenant { get; } = tenant;

    public string Origin { get; } = origin;

    public bool Equals(OriginCacheKey other) =>
        string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && string.Equals(Tenant, other.Tenant, StringComparison.Ordinal)
        && string.Equals(Policy, other.Policy, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is OriginCacheKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Origin, Tenant, Policy);
}
