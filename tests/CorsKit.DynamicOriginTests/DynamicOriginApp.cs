using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.DynamicOriginTests;

/// <summary>A real app on Kestrel (loopback) whose default policy lists one origin and asks the database for the rest.</summary>
public static class DynamicOriginApp
{
    public const string ListedOrigin = "https://admin.example.com";
    public const string Tenant = "acme";

    public static Task<TestHost> StartAsync(
        OriginDatabase database,
        Action<CorsKitOriginSourceOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<CorsKitPolicyBuilder>? policy = null,
        CorsKitTenantSelector? tenant = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p =>
                {
                    p.WithOrigins(ListedOrigin).WithMethods("PUT").AllowOriginsFromSource(tenant ?? CorsKitTenantSelector.FromHeader("X-Tenant"));
                    policy?.Invoke(p);
                }));
                builder.Services.AddSingleton(database);
                builder.Services.AddCorsKitOriginSource<DatabaseOriginSource>(configure);
            },
            app =>
            {
                app.UseCorsKit();
                app.MapGet("/api/data", () => "data");
                app.MapPut("/api/data", () => Results.NoContent());
            },
            TestTransport.Kestrel,
            services);

    /// <summary>A GET from <paramref name="origin"/> for a tenant.</summary>
    public static HttpRequestMessage Get(string origin, string tenant = Tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/data");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("X-Tenant", tenant);
        return request;
    }

    /// <summary>The <c>Access-Control-Allow-Origin</c> of a GET, or <see langword="null"/> when refused.</summary>
    public static async Task<string?> AllowOriginAsync(this HttpClient client, string origin, string tenant = Tenant)
    {
        using var response = await client.SendAsync(Get(origin, tenant));
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
