namespace CorsKit;

/// <summary>
/// Applies a CorsKit policy to a controller or action, overriding the app-wide policy given to <c>UseCorsKit</c>.
/// On minimal APIs use the <c>RequireCorsKit</c> convention instead: an attribute on a handler cannot make routing send
/// the endpoint's CORS preflights to it, so <c>UseCorsKit</c> refuses to start with one.
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
