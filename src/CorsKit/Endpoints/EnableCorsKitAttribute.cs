namespace CorsKit;

/// <summary>
/// Applies a CorsKit policy to a controller or action (or a minimal-API handler; prefer the <c>RequireCorsKit</c>
/// convention there, which also routes preflights of endpoints mapped for other methods). Overrides the app-wide
/// policy given to <c>UseCorsKit</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class EnableCorsKitAttribute : Attribute, ICorsKitPolicyMetadata
{
    /// <summary>Applies the default policy.</summary>
    public EnableCorsKitAttribute()
    {
    }

    /// <summary>Applies the named policy.</summary>
    /// <param name="policyName">A policy registered with <c>AddCorsKit(cors =&gt; cors.AddPolicy(name, ...))</c>.</param>
    public EnableCorsKitAttribute(string policyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        PolicyName = policyName;
    }

    /// <inheritdoc />
    public string? PolicyName { get; }

    /// <inheritdoc />
    CorsKitPolicy? ICorsKitPolicyMetadata.Policy => null;
}
