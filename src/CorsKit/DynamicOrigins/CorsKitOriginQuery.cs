namespace CorsKit;

/// <summary>What an <see cref="ICorsKitOriginSource"/> is asked: is this origin allowed for this tenant and policy?</summary>
public readonly struct CorsKitOriginQuery : IEquatable<CorsKitOriginQuery>
{
    /// <summary>Creates a query.</summary>
    /// <param name="origin">The request's <c>Origin</c>, as sent.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/>.</param>
    /// <param name="policyName">The policy's name.</param>
    public CorsKitOriginQuery(string origin, string? tenant, string policyName)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(policyName);
        Origin = origin;
        Tenant = tenant;
        PolicyName = policyName;
    }

    /// <summary>The request's <c>Origin</c> exactly as the browser sent it: a well-formed, lower-case
    /// <c>scheme://host[:port]</c> with http or https, never <c>null</c>. Compare it ordinally with stored origins
    /// normalised the same way.</summary>
    public string Origin { get; }

    /// <summary>The tenant the request maps to (see <see cref="CorsKitTenantSelector"/>), or <see langword="null"/> when
    /// the policy has no tenant selector or the request names no tenant.</summary>
    public string? Tenant { get; }

    /// <summary>The policy's name: <c>default</c>, the registered name, or <c>(endpoint policy)</c>.</summary>
    public string PolicyName { get; }

    /// <summary>Compares two queries.</summary>
    /// <param name="left">A query.</param>
    /// <param name="right">Another query.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(CorsKitOriginQuery left, CorsKitOriginQuery right) => left.Equals(right);

    /// <summary>Compares two queries.</summary>
    /// <param name="left">A query.</param>
    /// <param name="right">Another query.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(CorsKitOriginQuery left, CorsKitOriginQuery right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(CorsKitOriginQuery other) =>
        string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && string.Equals(Tenant, other.Tenant, StringComparison.Ordinal)
        && string.Equals(PolicyName, other.PolicyName, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CorsKitOriginQuery other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Origin, Tenant, PolicyName);

    /// <inheritdoc/>
    public override string ToString() => $"{Origin} (tenant {Tenant ?? "(none)"}, policy '{PolicyName}')";
}
