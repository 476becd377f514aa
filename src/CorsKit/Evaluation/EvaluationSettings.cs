namespace CorsKit.Evaluation;

/// <summary>Application-wide switches the evaluator honours (from <see cref="CorsKitOptions"/>).</summary>
/// <param name="BlockRefusedCrossOriginWrites">Answer cross-origin writes from refused origins (or to disabled
/// endpoints) with 403 instead of running the endpoint (<see cref="WriteGuard"/>).</param>
/// <param name="AllowSameSiteWrites">Let writes with <c>Sec-Fetch-Site: same-site</c> through the guard without an
/// origin check.</param>
internal readonly record struct EvaluationSettings(bool BlockRefusedCrossOriginWrites, bool AllowSameSiteWrites = false);
