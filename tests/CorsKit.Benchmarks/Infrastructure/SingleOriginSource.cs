namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>An origin source that allows one origin from memory: for measuring the cached path, where it is never asked.</summary>
public sealed class SingleOriginSource : ICorsKitOriginSource
{
    public ValueTask<bool> IsOriginAllowedAsync(CorsKitOriginQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(query.Origin == DynamicOriginPipelines.StoredOrigin);
}
