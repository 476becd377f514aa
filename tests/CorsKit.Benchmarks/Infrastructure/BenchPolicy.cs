namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// One CORS policy, expressed once and applied identically to Microsoft.AspNetCore.Cors and to CorsKit. Origins holds
/// exact origins and <c>https://*.domain</c> wildcard patterns (Microsoft's pipeline turns on
/// <c>SetIsOriginAllowedToAllowWildcardSubdomains</c> when there is one).
/// </summary>
public sealed record BenchPolicy(
    IReadOnlyList<string> Origins,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> ExposedHeaders,
    TimeSpan MaxAge)
{
    /// <summary>The host the benchmark requests are addressed to (same-origin requests use it as their Origin).</summary>
    public const string Host = "api.example.io";

    /// <summary>An exact origin every standard policy allows.</summary>
    public const string AllowedOrigin = "http://localhost:3000";

    /// <summary>An origin no policy allows, that misses the exact set and must be tried against the patterns.</summary>
    public const string RefusedOrigin = "https://evil.example.net";

    /// <summary>
    /// The policy: 3 exact origins, 1 wildcard pattern, 4 methods, 3 headers, credentials, exposed headers and a
    /// max-age.
    /// </summary>
    public static BenchPolicy Standard { get; } = new(
        ["https://app.example.com", "https://admin.example.org", AllowedOrigin, "https://*.example.com"],
        ["GET", "PUT", "DELETE", "PATCH"],
        ["Content-Type", "X-Request-Id", "Authorization"],
        ["X-Total-Count"],
        TimeSpan.FromMinutes(10));

    /// <summary>The standard policy with <paramref name="count"/> exact origins; <c>ExactOrigin(1)</c> to <c>ExactOrigin(count)</c>.</summary>
    public static BenchPolicy WithExactOrigins(int count) => Standard with
    {
        Origins = [.. Enumerable.Range(1, count).Select(ExactOrigin)],
    };

    /// <summary>The standard policy with <paramref name="count"/> wildcard patterns (and no exact origin).</summary>
    public static BenchPolicy WithWildcardPatterns(int count) => Standard with
    {
        Origins = [.. Enumerable.Range(1, count).Select(i => $"https://*.tenant{i:D2}.example.net")],
    };

    /// <summary>The standard policy allowing the <paramref name="count"/> headers <see cref="RequestHeaderName"/>.</summary>
    public static BenchPolicy WithHeaderCount(int count) => Standard with
    {
        Headers = [.. Enumerable.Range(0, count).Select(RequestHeaderName)],
    };

    /// <summary>The <paramref name="index"/>-th exact origin of <see cref="WithExactOrigins"/> (1-based).</summary>
    public static string ExactOrigin(int index) => $"https://app{index:D4}.example.net";

    /// <summary>A header name of <see cref="WithHeaderCount"/>, lower-case as browsers send it.</summary>
    public static string RequestHeaderName(int index) => $"x-bench-{index:D2}";

    /// <summary>Whether the policy has a wildcard pattern.</summary>
    public bool HasPatterns => Origins.Any(o => o.Contains('*', StringComparison.Ordinal));
}
