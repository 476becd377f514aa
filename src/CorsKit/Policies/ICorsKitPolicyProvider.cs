using Microsoft.AspNetCore.Http;

namespace CorsKit;

/// <summary>
/// Supplies policies per request, for applications whose rules live in data (a tenant database, a feature store).
/// Register one with <c>services.AddCorsKitPolicyProvider&lt;T&gt;()</c>. CorsKit asks it before the registered
/// policies; returning <see langword="null"/> falls back to them. Endpoints with CORS disabled never ask it.
/// </summary>
/// <remarks>
/// Build policies with <see cref="CorsKitPolicyBuilder"/> (the same validation as static policies) and cache them:
/// building one per request wastes the precomputation CorsKit does at build time, and returning the same instance lets
/// CorsKit reuse its per-policy state. If the policy depends on anything other than the URL and <c>Origin</c> (for
/// example a tenant header), add that header to the response's <c>Vary</c> yourself.
/// </remarks>
public interface ICorsKitPolicyProvider
{
    /// <summary>Returns the policy for this request, or <see langword="null"/> to use the registered policies.</summary>
    /// <param name="context">The request.</param>
    /// <param name="selection">What the endpoint (or <c>UseCorsKit</c>) asked for: the default policy, a named policy, or
    /// the endpoint's own inline policy. A provider that means to replace only the default policy checks
    /// <see cref="CorsKitPolicySelection.Kind"/>, so it never widens an endpoint's stricter policy.</param>
    /// <returns>The policy, or <see langword="null"/>.</returns>
    ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection);
}
