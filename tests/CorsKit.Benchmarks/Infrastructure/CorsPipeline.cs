namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>The three pipelines every benchmark compares.</summary>
public enum CorsPipeline
{
    /// <summary>No CORS middleware: the baseline.</summary>
    None,

    /// <summary>Microsoft.AspNetCore.Cors (<c>AddCors</c> / <c>UseCors</c>).</summary>
    Microsoft,

    /// <summary>CorsKit (<c>AddCorsKit</c> / <c>UseCorsKit</c>).</summary>
    CorsKit,
}
