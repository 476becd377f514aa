using Microsoft.Extensions.Primitives;

namespace CorsKit.Evaluation;

/// <summary>
/// The answer to a preflight: whether it is allowed and the values of <c>Access-Control-Allow-Methods</c> and
/// <c>Access-Control-Allow-Headers</c> to send (empty means "do not send"). A refused method or header still gets
/// both lists, so the browser's console can name exactly what was refused.
/// </summary>
internal readonly record struct PreflightDecision(CorsRefusal Refusal, StringValues AllowMethods, StringValues AllowHeaders)
{
    public bool IsAllowed => Refusal == CorsRefusal.None;

    public static PreflightDecision RefusedOrigin => new(CorsRefusal.Origin, StringValues.Empty, StringValues.Empty);
}
