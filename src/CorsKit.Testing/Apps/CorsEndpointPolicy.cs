namespace CorsKit.Testing.Apps;

/// <summary>What an endpoint's CORS policy allows, read from CorsKit's or Microsoft's policy, whichever applies.</summary>
public sealed class CorsEndpointPolicy
{
    internal CorsEndpointPolicy(CorsPolicySource source, string? name, IReadOnlyList<string> origins, bool allowsAnyOrigin, bool hasPredicate,
        IReadOnlyList<string> headers, bool allowsAnyHeader, bool supportsCredentials)
    {
        Source = source;
        Name = name;
        Origins = origins;
        AllowsAnyOrigin = allowsAnyOrigin;
        HasOriginPredicate = hasPredicate;
        Headers = headers;
        AllowsAnyHeader = allowsAnyHeader;
        SupportsCredentials = supportsCredentials;
    }

    /// <summary>The implementation that owns the policy.</summary>
    public CorsPolicySource Source { get; }

    /// <summary>The policy's name; <see langword="null"/> for the default policy or an inline one.</summary>
    public string? Name { get; }

    /// <summary>The listed origins and origin patterns.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Whether any origin is allowed.</summary>
    public bool AllowsAnyOrigin { get; }

    /// <summary>Whether a predicate decides about origins the list does not name.</summary>
    public bool HasOriginPredicate { get; }

    /// <summary>The listed request headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Whether any request header is allowed.</summary>
    public bool AllowsAnyHeader { get; }

    /// <summary>Whether credentials are allowed.</summary>
    public bool SupportsCredentials { get; }

    /// <summary>The first listed origin that is an exact origin (no pattern), or null.</summary>
    public string? FirstExactOrigin => Origins.FirstOrDefault(o => !o.Contains('*', StringComparison.Ordinal) && o != "null");

    /// <inheritdoc />
    public override string ToString() => $"{Source} policy {Name ?? "(default or inline)"}";
}
