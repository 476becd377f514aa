using Microsoft.Extensions.Logging;

namespace CorsKit.Diagnostics;

/// <summary>What a responder needs to explain its decisions: the logger, the metrics and the development header switch.</summary>
internal sealed class CorsKitDiagnostics(ILogger logger, CorsKitMetrics metrics, bool includeRefusalReasonHeader)
{
    public const string RefusalHeaderName = "CorsKit-Refusal";

    public ILogger Logger { get; } = logger;

    public CorsKitMetrics Metrics { get; } = metrics;

    public bool IncludeRefusalReasonHeader { get; } = includeRefusalReasonHeader;
}
