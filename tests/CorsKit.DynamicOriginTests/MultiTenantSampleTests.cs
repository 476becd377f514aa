using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CorsKit.DynamicOriginTests;

/// <summary>
/// The multi-tenant sample on Kestrel with its default SQLite database (in a temporary file): a tenant's stored origin
/// is allowed, an unknown one refused, and an origin added through the admin endpoint is allowed on the next request.
/// </summary>
public sealed class MultiTenantSampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("corskit-sample-").FullName;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public MultiTenantSampleTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_directory, "tenant-origins.db")};Pooling=False")
            .UseSetting("Admin:ApiKey", "test-key")
            .UseSetting("urls", "http://127.0.0.1:0"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task A_stored_origin_is_allowed_and_an_unknown_one_is_refused()
    {
        (await AllowOriginAsync("acme", "https://app.acme.example")).Should().Be("https://app.acme.example");
        (await AllowOriginAsync("globex", "https://app.acme.example")).Should().BeNull("origins belong to their tenant");
        (await AllowOriginAsync("acme", "https://evil.example.net")).Should().BeNull();
    }

    [Fact]
    public async Task An_origin_added_through_the_admin_endpoint_is_allowed_on_the_next_request()
    {
        const string Origin = "https://new.acme.example";
        (await AllowOriginAsync("acme", Origin)).Should().BeNull("it is not stored yet, and the refusal is now cached");

        using var add = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants/acme/origins") { Content = JsonContent.Create(new { origin = Origin }) };
        add.Headers.Add("X-Admin-Key", "test-key");
        (await _client.SendAsync(add)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await AllowOriginAsync("acme", Origin)).Should().Be(Origin);
    }

    [Theory]
    [InlineData(null, "https://x.acme.example", HttpStatusCode.Unauthorized)]
    [InlineData("test-key", "https://x.acme.example/path", HttpStatusCode.BadRequest)]
    [InlineData("test-key", "http://x.acme.example", HttpStatusCode.BadRequest)]
    [InlineData("test-key", "https://*.acme.example", HttpStatusCode.BadRequest)]
    public async Task The_admin_endpoint_needs_its_key_and_refuses_origins_browsers_never_send(string? key, string origin, HttpStatusCode expected)
    {
        using var add = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants/acme/origins") { Content = JsonContent.Create(new { origin }) };
        if (key is not null)
        {
            add.Headers.Add("X-Admin-Key", key);
        }

        (await _client.SendAsync(add)).StatusCode.Should().Be(expected);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string?> AllowOriginAsync(string tenant, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile");
        request.Headers.Host = $"{tenant}.localhost";
        request.Headers.Add("Origin", origin);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
