namespace CorsKit.Classification;

/// <summary>
/// An answer about the request's origin obtained before evaluation from a source the evaluator cannot call itself
/// (asynchronous, scoped: a database of tenant origins). The evaluator consults it only when the policy's own origins,
/// patterns and predicate all miss, so a listed origin never depends on it.
/// </summary>
internal enum OriginAnswer
{
    /// <summary>No source was asked: only the policy's own rules apply.</summary>
    NotAsked = 0,

    /// <summary>The source allows the origin. The source applies the same listing rules as configured origins.</summary>
    Allowed = 1,

    /// <summary>The source refused the origin, or failed (fail closed).</summary>
    Refused = 2,
}
