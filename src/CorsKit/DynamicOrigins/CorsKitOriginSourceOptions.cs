namespace CorsKit;

/// <summary>
/// How CorsKit caches and limits the lookups of an <see cref="ICorsKitOriginSource"/>. The defaults suit an API whose
/// tenants add origins through an admin screen: answers are cached for minutes, a lookup may take 2 seconds, and at
/// most 20 lookups a second (bursts of 100) reach the source however many distinct origins are sent.
/// </summary>
public sealed class CorsKitOriginSourceOptions
{
    /// <summary>The most (policy, tenant, origin) answers kept in the in-process cache (default 10,000). When full,
    /// expired answers are dropped first, then refusals, then other answers, until a tenth of the room is free.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>How long an allowed answer is reused (default 5 minutes): in the in-process cache, and in the shared
    /// <c>HybridCache</c> when one is registered. Also the longest time a removed origin stays allowed.</summary>
    public TimeSpan AllowedLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refusal is reused (default 1 minute), in the in-process cache only. Also the longest time an
    /// added origin stays refused on an instance that did not invalidate it.</summary>
    public TimeSpan RefusedLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one lookup may take before the request is refused (default 2 seconds). The source's
    /// cancellation token is cancelled then; a source that ignores it is abandoned.</summary>
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The sustained rate of lookups (default 20 a second): the refill rate of the lookup budget, a token
    /// bucket shared by every policy and tenant. A cache miss beyond the budget is refused without any lookup.</summary>
    public double LookupsPerSecond { get; set; } = 20;

    /// <summary>The size of the lookup budget (default 100): how many lookups may start at once after a quiet period.
    /// Over any interval of <c>t</c> seconds, at most <c>LookupBurst + LookupsPerSecond × t</c> lookups start.</summary>
    public int LookupBurst { get; set; } = 100;

    /// <summary>The shortest interval between two log entries about failed lookups or an exhausted budget (default
    /// 1 minute); each entry says how many occurred since the previous one. Every occurrence is counted in the
    /// metrics.</summary>
    public TimeSpan FailureLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether allowed answers go through the app's <c>HybridCache</c> when one is registered (default
    /// <see langword="true"/>), so a fleet of instances shares them. Refusals never do.</summary>
    public bool UseHybridCache { get; set; } = true;
}
