namespace CorsKit.Response;

/// <summary>What <see cref="CorsResponseWriter.WriteOnStarting"/> did.</summary>
internal enum WriteResult
{
    /// <summary>The decision's headers were written.</summary>
    Written = 0,

    /// <summary>CorsKit's own callback for a re-executed request had already written them.</summary>
    AlreadyWritten = 1,

    /// <summary>Something else set <c>Access-Control-Allow-Origin</c>; only <c>Vary: Origin</c> was added.</summary>
    ForeignAllowOrigin = 2,
}
