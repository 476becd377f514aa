using Microsoft.CodeAnalysis;

namespace CorsKit.Analyzers;

/// <summary>The descriptors of every CorsKit diagnostic: id, severity, message format and help link.</summary>
internal static class Rules
{
    // RepositoryInfo.Url is generated at build time from $(RepositoryUrl) in Directory.Build.props.
    private const string HelpBase = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";
    private const string Usage = "CorsKit.Usage";
    private const string Security = "CorsKit.Security";
    private const string Migration = "CorsKit.Migration";

    /// <summary>Message arguments: the literal, the library's own message.</summary>
    public static readonly DiagnosticDescriptor InvalidOrigin = Create(
        DiagnosticIds.InvalidOrigin,
        "Origin the policy would refuse at startup",
        "Origin '{0}' {1}",
        Usage,
        DiagnosticSeverity.Warning,
        "CorsKit validates every origin when the policy is built; this literal would stop the application at startup.");

    /// <summary>Message argument: the library's own message.</summary>
    public static readonly DiagnosticDescriptor AnyOriginWithCredentials = Create(
        DiagnosticIds.AnyOriginWithCredentials,
        "AllowAnyOrigin() with AllowCredentials()",
        "{0}",
        Security,
        DiagnosticSeverity.Warning,
        "Browsers reject '*' with credentials, so CorsKit refuses this policy at startup.");

    /// <summary>Message argument: the call it follows (UseAuthentication or UseAuthorization).</summary>
    public static readonly DiagnosticDescriptor CorsAfterAuthentication = Create(
        DiagnosticIds.CorsAfterAuthentication,
        "UseCorsKit() after authentication or authorization",
        "UseCorsKit() comes after {0}(): preflights carry no credentials, so they would be answered 401/403 before CORS runs; call UseCorsKit() before {0}()",
        Usage,
        DiagnosticSeverity.Warning,
        "Preflight requests never carry cookies or Authorization; CORS must run before anything that can reject them.");

    public static readonly DiagnosticDescriptor CorsBeforeRouting = Create(
        DiagnosticIds.CorsBeforeRouting,
        "UseCorsKit() before UseRouting()",
        "UseCorsKit() comes before UseRouting(): no endpoint is selected yet, so endpoint policies ([EnableCorsKit], RequireCorsKit, DisableCorsKit) are ignored; call UseCorsKit() after UseRouting()",
        Usage,
        DiagnosticSeverity.Warning,
        "CorsKit reads the endpoint's metadata, which exists only after routing has run.");

    public static readonly DiagnosticDescriptor TwoCorsMiddlewares = Create(
        DiagnosticIds.TwoCorsMiddlewares,
        "UseCors() and UseCorsKit() in one pipeline",
        "The pipeline calls both UseCors() and UseCorsKit(): two CORS middlewares each add headers and browsers reject a response with two Access-Control-Allow-Origin values; remove UseCors()",
        Usage,
        DiagnosticSeverity.Warning,
        "Only one CORS middleware may write CORS headers.");

    /// <summary>Message arguments: the attribute name, what to write instead.</summary>
    public static readonly DiagnosticDescriptor AttributeOnMinimalApiHandler = Create(
        DiagnosticIds.AttributeOnMinimalApiHandler,
        "CorsKit attribute on a minimal-API handler",
        "[{0}] on a minimal-API handler cannot make routing send the endpoint's CORS preflights to it, and CorsKit refuses to start; {1}",
        Usage,
        DiagnosticSeverity.Warning,
        "Only the RequireCorsKit/DisableCorsKit conventions and MVC make routing accept an endpoint's preflight.");

    /// <summary>Message argument: the policy name.</summary>
    public static readonly DiagnosticDescriptor UnknownPolicyName = Create(
        DiagnosticIds.UnknownPolicyName,
        "CORS policy name not registered",
        "No AddPolicy(\"{0}\", ...) in this project registers the CORS policy '{0}'; every CORS request that selects it would be refused",
        Usage,
        DiagnosticSeverity.Info,
        "Reported only when nothing else could supply the policy: no configuration-bound AddCorsKit(IConfiguration), no ICorsKitPolicyRegistry use and no policy provider.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Message arguments: the Microsoft API, its CorsKit equivalent.</summary>
    public static readonly DiagnosticDescriptor MigrateToCorsKit = Create(
        DiagnosticIds.MigrateToCorsKit,
        "Microsoft.AspNetCore.Cors API with a CorsKit equivalent",
        "{0} is Microsoft.AspNetCore.Cors; this project uses CorsKit, whose equivalent is {1}",
        Migration,
        DiagnosticSeverity.Info,
        "Mixing the two CORS stacks means two sets of policies and two middlewares that both write CORS headers.");

    /// <summary>Message arguments: the Microsoft API, why there is no automatic rewrite.</summary>
    public static readonly DiagnosticDescriptor NoCorsKitEquivalent = Create(
        DiagnosticIds.NoCorsKitEquivalent,
        "Microsoft.AspNetCore.Cors API without a faithful CorsKit equivalent",
        "{0} is Microsoft.AspNetCore.Cors and has no faithful CorsKit equivalent: {1}",
        Migration,
        DiagnosticSeverity.Info,
        "These uses need a decision when moving to CorsKit, so there is no automatic fix.");

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpBase + id + ".md", tags);
}
