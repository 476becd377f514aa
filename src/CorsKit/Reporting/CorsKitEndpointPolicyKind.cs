namespace CorsKit;

/// <summary>Which CorsKit policy applies to an endpoint, as <see cref="CorsKitEndpointReport"/> lists it.</summary>
public enum CorsKitEndpointPolicyKind
{
    /// <summary>No policy applies: the endpoint carries no CorsKit metadata and there is no default policy (or the
    /// app-wide policy is missing). CORS requests get no CORS headers; preflights are left to routing (usually 405).</summary>
    None = 0,

    /// <summary>The default policy: app-wide through <c>UseCorsKit()</c>, or asked for by <c>[EnableCorsKit]</c> /
    /// <c>RequireCorsKit()</c> without a name.</summary>
    Default = 1,

    /// <summary>A policy registered by name: <c>UseCorsKit("name")</c>, <c>[EnableCorsKit("name")]</c> or
    /// <c>RequireCorsKit("name")</c>.</summary>
    Named = 2,

    /// <summary>A policy defined on the endpoint or its route group with <c>RequireCorsKit(p =&gt; ...)</c>.</summary>
    Endpoint = 3,

    /// <summary>CORS is switched off for the endpoint (<c>DisableCorsKit()</c>, <c>[DisableCorsKit]</c>).</summary>
    Disabled = 4,
}
