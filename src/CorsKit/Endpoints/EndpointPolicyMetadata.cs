namespace CorsKit.Endpoints;

/// <summary>Metadata for a policy defined on an endpoint with <c>RequireCorsKit(p =&gt; ...)</c>.</summary>
internal sealed class EndpointPolicyMetadata(CorsKitPolicy policy) : ICorsKitPolicyMetadata
{
    public string? PolicyName => null;

    public CorsKitPolicy? Policy { get; } = policy;
}
