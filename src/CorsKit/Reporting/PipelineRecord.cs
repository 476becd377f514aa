namespace CorsKit.Reporting;

/// <summary>
/// What <c>UseCorsKit()</c> learnt about the pipeline it was placed in, kept for <see cref="CorsKitEndpointReport"/>:
/// the app-wide policy lives in the pipeline, not in services, and the order of authorization and CorsKit is only
/// knowable while the pipeline is built (from the builder's documented properties, never from its private state).
/// </summary>
internal sealed class PipelineRecord
{
    private int _startupReportClaimed;

    /// <summary>Whether a pipeline containing <c>UseCorsKit()</c> has been built.</summary>
    public bool CorsKitInPipeline { get; set; }

    /// <summary>The policy named by <c>UseCorsKit("name")</c>; <see langword="null"/> for the default policy.</summary>
    public string? AppWidePolicyName { get; set; }

    /// <summary>Whether the application called <c>UseAuthorization()</c> before <c>UseCorsKit()</c> (event 12).</summary>
    public bool AuthorizationCalledBeforeCorsKit { get; set; }

    /// <summary>
    /// Whether WebApplication inserts <c>UseAuthorization()</c> ahead of the whole pipeline: authorization is registered
    /// and the application never called it (read by the startup filter before the insertion).
    /// </summary>
    public bool AuthorizationInsertedBeforeCorsKit { get; set; }

    /// <summary>Whether the Development startup report is still to be logged (true once, then false).</summary>
    /// <returns><see langword="true"/> the first time.</returns>
    public bool ClaimStartupReport() => Interlocked.Exchange(ref _startupReportClaimed, 1) == 0;
}
