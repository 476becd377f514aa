using Microsoft.AspNetCore.Http;

namespace CorsKit.Resolution;

/// <summary>
/// Which policy a request asks for, from its endpoint's metadata and the app-wide choice of <c>UseCorsKit</c>.
/// </summary>
/// <remarks>
/// Precedence, most specific first: an action's attribute over its controller's; a derived controller's over its base
/// classes'; an endpoint's convention over its route group's; anything on the endpoint over the app-wide policy.
/// Endpoint metadata is a flat list ordered from general to specific (group conventions, then the endpoint's own), so
/// the last CorsKit item wins. For controllers, MVC lists base-class attributes after the derived class's: the
/// application model provider settles that case and appends the winner, see
/// <see cref="Endpoints.CorsKitApplicationModelProvider"/>.
/// </remarks>
internal static class PolicyResolution
{
    /// <summary>The request's policy, from its endpoint (if any) and the app-wide selection.</summary>
    /// <param name="endpoint">The matched endpoint, or <see langword="null"/>.</param>
    /// <param name="appWide">What <c>UseCorsKit()</c> / <c>UseCorsKit(name)</c> selected.</param>
    /// <returns>What the request asks for.</returns>
    public static PolicyRequest Resolve(Endpoint? endpoint, CorsKitPolicySelection appWide) =>
        Resolve(endpoint?.Metadata.GetMetadata<ICorsKitMetadata>(), appWide);

    /// <summary>The request's policy, from the endpoint's winning CorsKit declaration.</summary>
    /// <param name="declaration">The last CorsKit metadata item of the endpoint, or <see langword="null"/>.</param>
    /// <param name="appWide">What <c>UseCorsKit()</c> / <c>UseCorsKit(name)</c> selected.</param>
    /// <returns>What the request asks for.</returns>
    public static PolicyRequest Resolve(ICorsKitMetadata? declaration, CorsKitPolicySelection appWide) => declaration switch
    {
        IDisableCorsKitMetadata => PolicyRequest.CorsDisabled,
        ICorsKitPolicyMetadata { Policy: { } inline } => new(false, CorsKitPolicySelection.Endpoint(inline), true),
        ICorsKitPolicyMetadata { PolicyName: { } name } => new(false, CorsKitPolicySelection.Named(name), true),
        ICorsKitPolicyMetadata => new(false, CorsKitPolicySelection.Default, true),
        _ => new(false, appWide, false),
    };
}
