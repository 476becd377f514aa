namespace CorsKit;

/// <summary>
/// Answers whether an origin is allowed at run time, for example from a table of tenant origins managed by the
/// product's own admin screens. Implement it with scoped services (a <c>DbContext</c>, an <c>HttpClient</c>), register
/// it with <c>services.AddCorsKitOriginSource&lt;TSource&gt;()</c>, and attach it to a policy with
/// <see cref="CorsKitPolicyBuilder.AllowOriginsFromSource"/>.
/// </summary>
/// <remarks>
/// CorsKit calls the source only when the policy's listed origins, patterns and predicate miss, never for <c>null</c> or
/// malformed origins, and never on the request's own service scope: each lookup runs in a scope of its own, shared by
/// every concurrent request for the same (policy, tenant, origin), bounded by a timeout and by a lookup budget. Answers
/// are cached (see <see cref="CorsKitOriginSourceOptions"/>); call <see cref="ICorsKitOriginCache"/> when the stored
/// origins change. An exception or a timeout refuses the request (fails closed) and is logged and counted.
/// </remarks>
public interface ICorsKitOriginSource
{
    /// <summary>Whether <see cref="CorsKitOriginQuery.Origin"/> is allowed for the query's policy and tenant.</summary>
    /// <param name="query">The origin (exactly as the browser sent it, already checked to be well formed), the tenant
    /// and the policy.</param>
    /// <param name="cancellationToken">Cancelled when the lookup timeout elapses or the application stops (not when
    /// the request that started the lookup is aborted: other requests may be waiting for the same answer).</param>
    /// <returns><see langword="true"/> when the origin is allowed.</returns>
    ValueTask<bool> IsOriginAllowedAsync(CorsKitOriginQuery query, CancellationToken cancellationToken);
}
