namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>The request paths of the issue.</summary>
public enum CorsPath
{
    PreflightAllowed,
    PreflightRefusedOrigin,
    PreflightRefusedHeader,
    ActualAllowed,
    ActualRefused,
    NoOrigin,
    SameOrigin,
}

/// <summary>What a request carries. Null headers are not sent.</summary>
public sealed record RequestScenario(
    string Method,
    string? Origin,
    string? RequestMethod = null,
    string? RequestHeaders = null)
{
    public bool IsPreflight => RequestMethod is not null;

    public static RequestScenario For(CorsPath path) => path switch
    {
        CorsPath.PreflightAllowed => Preflight(BenchPolicy.AllowedOrigin, "PUT", "content-type,x-request-id"),
        CorsPath.PreflightRefusedOrigin => Preflight(BenchPolicy.RefusedOrigin, "PUT", "content-type,x-request-id"),
        CorsPath.PreflightRefusedHeader => Preflight(BenchPolicy.AllowedOrigin, "PUT", "content-type,x-forbidden"),
        CorsPath.ActualAllowed => Actual(BenchPolicy.AllowedOrigin),
        CorsPath.ActualRefused => Actual(BenchPolicy.RefusedOrigin),
        CorsPath.NoOrigin => Actual(origin: null),
        CorsPath.SameOrigin => Actual("https://" + BenchPolicy.Host),
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    public static RequestScenario Preflight(string origin, string method, string? requestHeaders) =>
        new("OPTIONS", origin, method, requestHeaders);

    public static RequestScenario Actual(string? origin) => new("GET", origin);
}
