namespace CorsKit.Analyzers;

/// <summary>The ids of CorsKit's diagnostics; each has a page at docs/diagnostics/&lt;id&gt;.md.</summary>
public static class DiagnosticIds
{
    /// <summary>An origin literal the policy builder would refuse at startup.</summary>
    public const string InvalidOrigin = "CK0001";

    /// <summary><c>AllowAnyOrigin()</c> and <c>AllowCredentials()</c> on the same policy.</summary>
    public const string AnyOriginWithCredentials = "CK0002";

    /// <summary><c>UseCorsKit()</c> after <c>UseAuthentication()</c> or <c>UseAuthorization()</c>.</summary>
    public const string CorsAfterAuthentication = "CK0003";

    /// <summary><c>UseCorsKit()</c> before an explicit <c>UseRouting()</c>.</summary>
    public const string CorsBeforeRouting = "CK0004";

    /// <summary>Both <c>UseCors()</c> and <c>UseCorsKit()</c> in one pipeline.</summary>
    public const string TwoCorsMiddlewares = "CK0005";

    /// <summary><c>[EnableCorsKit]</c> or <c>[DisableCorsKit]</c> on a minimal-API handler.</summary>
    public const string AttributeOnMinimalApiHandler = "CK0006";

    /// <summary>A policy name that no <c>AddPolicy</c> in the compilation registers.</summary>
    public const string UnknownPolicyName = "CK0007";

    /// <summary>A Microsoft.AspNetCore.Cors API with a CorsKit equivalent.</summary>
    public const string MigrateToCorsKit = "CK0008";

    /// <summary>A Microsoft.AspNetCore.Cors API without a faithful CorsKit equivalent.</summary>
    public const string NoCorsKitEquivalent = "CK0009";
}
