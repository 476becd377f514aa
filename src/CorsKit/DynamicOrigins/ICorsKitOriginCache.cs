namespace CorsKit;

/// <summary>
/// Forgets cached answers of the <see cref="ICorsKitOriginSource"/> when the stored origins change (an admin adds or
/// removes a tenant origin). Registered by <c>AddCorsKitOriginSource</c>; inject it where origins are edited.
/// </summary>
/// <remarks>
/// The in-process cache of this instance forgets at once, and lookups already running when the call is made do not
/// store their (possibly stale) answer. With a <c>HybridCache</c>, the shared entries are removed by tag; other
/// instances keep their own in-process answers until their lifetime ends (<see cref="CorsKitOriginSourceOptions.AllowedLifetime"/>,
/// <see cref="CorsKitOriginSourceOptions.RefusedLifetime"/>): that is the bound on how long a change takes to reach the
/// whole fleet.
/// </remarks>
public interface ICorsKitOriginCache
{
    /// <summary>Forgets every cached answer for a tenant (in every policy).</summary>
    /// <param name="tenant">The tenant, or <see langword="null"/> for answers cached without a tenant.</param>
    /// <param name="cancellationToken">Cancels the shared-cache removal.</param>
    /// <returns>A task that completes when the answers are forgotten.</returns>
    ValueTask InvalidateTenantAsync(string? tenant, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached answers for one origin of a tenant (in every policy).</summary>
    /// <param name="tenant">The tenant, or <see langword="null"/> for answers cached without a tenant.</param>
    /// <param name="origin">The origin, as browsers send it (<c>https://app.example.com</c>).</param>
    /// <param name="cancellationToken">Cancels the shared-cache removal.</param>
    /// <returns>A task that completes when the answers are forgotten.</returns>
    ValueTask InvalidateOriginAsync(string? tenant, string origin, CancellationToken cancellationToken = default);

    /// <summary>Forgets every cached answer of this instance's in-process cache (the shared cache is left as it is).</summary>
    void ClearLocal();
}
