namespace CorsKit.Evaluation;

/// <summary>What CorsKit decided for a request.</summary>
internal enum CorsOutcome : byte
{
    /// <summary>No CORS decision to make: not a CORS request, a same-origin one, or no policy applies. The response
    /// may still get cache-safety headers (<c>Vary: Origin</c>, or a constant <c>*</c>).</summary>
    NotApplicable = 0,

    /// <summary>The browser will accept the response.</summary>
    Allowed = 1,

    /// <summary>The browser will refuse the response (the endpoint may still have run: CORS only hides responses).</summary>
    Refused = 2,

    /// <summary>A cross-origin write refused by the write guard: answered 403, the endpoint never runs.</summary>
    Blocked = 3,
}
