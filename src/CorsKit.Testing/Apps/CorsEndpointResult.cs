namespace CorsKit.Testing.Apps;

/// <summary>The preflight of one endpoint for one method, and what became of it.</summary>
public sealed class CorsEndpointResult
{
    internal CorsEndpointResult(CorsEndpoint endpoint, string method, string? path, string? origin, CorsEndpointOutcome outcome, string message, CorsVerdict? verdict)
    {
        Endpoint = endpoint;
        Method = method;
        Path = path;
        Origin = origin;
        Outcome = outcome;
        Message = message;
        Verdict = verdict;
    }

    /// <summary>The endpoint.</summary>
    public CorsEndpoint Endpoint { get; }

    /// <summary>The method preflighted.</summary>
    public string Method { get; }

    /// <summary>The path preflighted (the route with sample values), or null when none could be built.</summary>
    public string? Path { get; }

    /// <summary>The origin preflighted from, or null when none could be chosen.</summary>
    public string? Origin { get; }

    /// <summary>The outcome.</summary>
    public CorsEndpointOutcome Outcome { get; }

    /// <summary>What happened, in a sentence (the console text for a refusal).</summary>
    public string Message { get; }

    /// <summary>The verdict on the preflight, when one was sent.</summary>
    public CorsVerdict? Verdict { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path ?? Endpoint.RoutePattern} ({Endpoint.Policy}) from {Origin ?? "?"}: {Outcome}: {Message}";
}
