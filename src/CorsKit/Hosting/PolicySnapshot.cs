using System.Collections.Frozen;

namespace CorsKit.Hosting;

/// <summary>An immutable view of everything configured: swapped whole on reload, so a request never sees a mix.</summary>
internal sealed class PolicySnapshot(
    IReadOnlyDictionary<string, CorsKitPolicy> policies,
    CorsKitPolicy? defaultPolicy,
    bool blockRefusedWrites,
    bool includeRefusalReasonHeader,
    bool allowSameSiteWrites = false)
{
    public FrozenDictionary<string, CorsKitPolicy> Policies { get; } = policies.ToFrozenDictionary(StringComparer.Ordinal);

    public CorsKitPolicy? DefaultPolicy { get; } = defaultPolicy;

    public bool BlockRefusedWrites { get; } = blockRefusedWrites;

    public bool IncludeRefusalReasonHeader { get; } = includeRefusalReasonHeader;

    public bool AllowSameSiteWrites { get; } = allowSameSiteWrites;
}
