namespace CorsKit.Evaluation;

/// <summary>The request headers a response's CORS answer depends on, to be merged into <c>Vary</c>.</summary>
[Flags]
internal enum VaryOn : byte
{
    None = 0,

    Origin = 1,

    /// <summary><c>Access-Control-Request-Method</c> and <c>Access-Control-Request-Headers</c>: a preflight answer may echo
    /// either, so it always varies on both.</summary>
    PreflightRequest = 2,
}
