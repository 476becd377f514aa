namespace CorsKit;

/// <summary>Which kind of policy a request's endpoint (or <c>UseCorsKit</c>) asked for.</summary>
public enum CorsKitPolicySelectionKind
{
    /// <summary>The default policy: <c>UseCorsKit()</c> for an endpoint without CorsKit metadata, or
    /// <c>[EnableCorsKit]</c> without a name.</summary>
    Default = 0,

    /// <summary>A policy registered by name: <c>[EnableCorsKit("name")]</c>, <c>RequireCorsKit("name")</c> or
    /// <c>UseCorsKit("name")</c>.</summary>
    Named = 1,

    /// <summary>A policy defined on the endpoint itself with <c>RequireCorsKit(p =&gt; ...)</c>.</summary>
    Endpoint = 2,
}
