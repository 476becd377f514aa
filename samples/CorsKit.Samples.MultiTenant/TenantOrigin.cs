namespace CorsKit.Samples.MultiTenant;

/// <summary>One front-end origin a tenant registered (a row of <c>tenant_origins</c>).</summary>
public sealed class TenantOrigin
{
    public int Id { get; set; }

    /// <summary>The tenant, the first label of the API host name (<c>acme</c> for <c>acme.api.example</c>).</summary>
    public required string Tenant { get; set; }

    /// <summary>The origin exactly as browsers send it: <c>https://app.acme.example</c>.</summary>
    public required string Origin { get; set; }
}
