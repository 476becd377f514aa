namespace CorsKit.Testing.Apps;

/// <summary>Which CORS implementation owns an endpoint's policy.</summary>
public enum CorsPolicySource
{
    /// <summary>CorsKit (<c>RequireCorsKit</c>, <c>[EnableCorsKit]</c>, or its default policy).</summary>
    CorsKit = 0,

    /// <summary>Microsoft.AspNetCore.Cors (<c>RequireCors</c>, <c>[EnableCors]</c>, or its default policy).</summary>
    MicrosoftCors = 1,
}
