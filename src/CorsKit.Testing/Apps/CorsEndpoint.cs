namespace CorsKit.Testing.Apps;

/// <summary>An endpoint that a CORS policy applies to, with the methods it is mapped for.</summary>
public sealed class CorsEndpoint
{
    internal CorsEndpoint(string displayName, string routePattern, IReadOnlyList<string> methods, CorsEndpointPolicy policy, Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern,
        CorsKitEndpointReportEntry? corsKitReport)
    {
        CorsKitReport = corsKitReport;
        DisplayName = displayName;
        RoutePattern = routePattern;
        Methods = methods;
        Policy = policy;
        Pattern = pattern;
    }

    /// <summary>The endpoint's display name (e.g. <c>HTTP: PUT /api/todos/{id:int}</c>).</summary>
    public string DisplayName { get; }

    /// <summary>The route template.</summary>
    public string RoutePattern { get; }

    /// <summary>The methods the endpoint is mapped for (never OPTIONS); empty means any method.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>The policy that applies.</summary>
    public CorsEndpointPolicy Policy { get; }

    /// <summary>The endpoint's line in CorsKit's own <see cref="CorsKitEndpointReport"/> (what the app infers at startup
    /// about its preflights, which the check then probes); <see langword="null"/> in an app without CorsKit.</summary>
    public CorsKitEndpointReportEntry? CorsKitReport { get; }

    internal Microsoft.AspNetCore.Routing.Patterns.RoutePattern Pattern { get; }

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
