using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.HardeningTests.Hostile;

/// <summary>
/// Two Kestrel servers running CorsKit, with header limits raised so that 64 KB values and 10,000-item lists reach
/// CorsKit instead of being stopped by Kestrel: one decodes header bytes as Latin-1 (so obs-text 0x80-0xFF arrives as
/// characters), the other keeps Kestrel's default (ASCII, else UTF-8, else 400).
/// </summary>
public sealed class HostileServers : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.test";

    internal TestHost Latin1 { get; private set; } = null!;

    internal TestHost DefaultEncoding { get; private set; } = null!;

    internal IEnumerable<TestHost> All => [Latin1, DefaultEncoding];

    public async Task InitializeAsync()
    {
        Latin1 = await StartAsync(latin1: true);
        DefaultEncoding = await StartAsync(latin1: false);
    }

    public async Task DisposeAsync()
    {
        await Latin1.DisposeAsync();
        await DefaultEncoding.DisposeAsync();
    }

    private static Task<TestHost> StartAsync(bool latin1) =>
        TestHost.StartKestrelAsync(
            cors =>
            {
                // The development aid that writes a refusal reason (quoting request values) into a response header.
                cors.IncludeRefusalReasonHeader = latin1;
                cors.AddDefaultPolicy(p => p.WithOrigins(AllowedOrigin, "https://*.example.test")
                    .AllowAnyMethod().AllowAnyHeader().AllowCredentials()
                    .WithExposedHeaders("X-Total-Count").SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            },
            app =>
            {
                app.UseCorsKit();
                app.Map("/", () => "ok");
                app.MapGet("/many-vary", (HttpContext context) =>
                {
                    context.Response.Headers.Vary = new StringValues([.. Enumerable.Range(0, 5000).Select(i => "X-Vary-" + i)]);
                    return "ok";
                });
                app.MapGet("/giant-vary", (HttpContext context) =>
                {
                    context.Response.Headers.Vary = string.Join(", ", Enumerable.Range(0, 5000).Select(i => "X-Vary-" + i));
                    return "ok";
                });
            },
            kestrel =>
            {
                kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
                kestrel.Limits.MaxRequestHeaderCount = 5000;
                kestrel.Limits.MaxRequestLineSize = 64 * 1024;
                if (latin1)
                {
                    kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
                }
            },
            Microsoft.Extensions.Logging.LogLevel.Information);
}
