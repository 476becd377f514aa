using CorsKit;

namespace AotConsumer;

/// <summary>The tenants' front-end origins, as an app would load them from its database.</summary>
public sealed class TenantDirectory
{
    private readonly Dictionary<string, CorsKitPolicy> _policies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acme"] = new CorsKitPolicyBuilder().WithOrigins("https://acme.example.test").WithMethods("PUT").WithHeaders("Content-Type").Build(),
        ["globex"] = new CorsKitPolicyBuilder().WithOrigins("https://globex.example.test").WithMethods("PUT").Build(),
    };

    public CorsKitPolicy? Find(string tenant) => _policies.GetValueOrDefault(tenant);
}
