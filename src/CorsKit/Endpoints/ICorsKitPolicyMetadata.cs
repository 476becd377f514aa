namespace CorsKit;

/// <summary>Endpoint metadata selecting the CORS policy for an endpoint.</summary>
public interface ICorsKitPolicyMetadata : ICorsKitMetadata
{
    /// <summary>The name of a policy registered with <c>AddCorsKit</c>; <see langword="null"/> for the default policy
    /// (ignored when <see cref="Policy"/> is set).</summary>
    string? PolicyName { get; }

    /// <summary>A policy defined on the endpoint itself, or <see langword="null"/> to use <see cref="PolicyName"/>.</summary>
    CorsKitPolicy? Policy { get; }
}
