namespace CorsKit.Evaluation;

/// <summary>Why a CORS request was refused; <see cref="None"/> when it was allowed.</summary>
internal enum CorsRefusal : byte
{
    None = 0,

    /// <summary>The origin is not allowed (or is not a well-formed origin). No CORS header is sent.</summary>
    Origin,

    /// <summary>The preflight asks for a method the policy does not allow (or sends a malformed one).</summary>
    Method,

    /// <summary>The preflight asks for a header the policy does not allow (or sends a malformed or oversized list).</summary>
    Headers,

    /// <summary>The endpoint switched CORS off (<c>[DisableCorsKit]</c>, <c>DisableCorsKit()</c>).</summary>
    Disabled,
}
