namespace CorsKit;

/// <summary>
/// What a request's endpoint asked for, as an <see cref="ICorsKitPolicyProvider"/> sees it: the default policy, a
/// named policy, or a policy defined on the endpoint itself. Endpoints with CORS disabled never reach a provider.
/// </summary>
public readonly struct CorsKitPolicySelection : IEquatable<CorsKitPolicySelection>
{
    private CorsKitPolicySelection(CorsKitPolicySelectionKind kind, string? name, CorsKitPolicy? endpointPolicy)
    {
        Kind = kind;
        Name = name;
        EndpointPolicy = endpointPolicy;
    }

    /// <summary>The default policy.</summary>
    public static CorsKitPolicySelection Default => default;

    /// <summary>Which kind of policy was asked for.</summary>
    public CorsKitPolicySelectionKind Kind { get; }

    /// <summary>The policy name when <see cref="Kind"/> is <see cref="CorsKitPolicySelectionKind.Named"/>; otherwise
    /// <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>The endpoint's own policy when <see cref="Kind"/> is <see cref="CorsKitPolicySelectionKind.Endpoint"/>;
    /// otherwise <see langword="null"/>.</summary>
    public CorsKitPolicy? EndpointPolicy { get; }

    /// <summary>A policy registered under <paramref name="name"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The selection.</returns>
    public static CorsKitPolicySelection Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(CorsKitPolicySelectionKind.Named, name, null);
    }

    /// <summary>A policy defined on the endpoint.</summary>
    /// <param name="policy">The endpoint's policy.</param>
    /// <returns>The selection.</returns>
    public static CorsKitPolicySelection Endpoint(CorsKitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(CorsKitPolicySelectionKind.Endpoint, null, policy);
    }

    /// <inheritdoc/>
    public bool Equals(CorsKitPolicySelection other) =>
        Kind == other.Kind && string.Equals(Name, other.Name, StringComparison.Ordinal) && ReferenceEquals(EndpointPolicy, other.EndpointPolicy);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CorsKitPolicySelection other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Name, EndpointPolicy);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        CorsKitPolicySelectionKind.Named => $"policy '{Name}'",
        CorsKitPolicySelectionKind.Endpoint => "the endpoint's own policy",
        _ => "the default policy",
    };

    /// <summary>Whether two selections ask for the same policy.</summary>
    /// <param name="left">A selection.</param>
    /// <param name="right">Another selection.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(CorsKitPolicySelection left, CorsKitPolicySelection right) => left.Equals(right);

    /// <summary>Whether two selections ask for different policies.</summary>
    /// <param name="left">A selection.</param>
    /// <param name="right">Another selection.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(CorsKitPolicySelection left, CorsKitPolicySelection right) => !left.Equals(right);
}
