using CorsKit.Testing.Fetch;

namespace CorsKit.Testing.Apps;

/// <summary>
/// The one-call check over a whole app: every endpoint a CORS policy applies to (<see cref="CorsEndpointInventory"/>)
/// is preflighted for each of its methods, from an origin its policy allows, asking for the headers its policy lists,
/// with credentials when the policy allows them. It fails for the endpoints whose preflight never reached CORS
/// (401, 403, 404, 405, a redirect, a 5xx) or was refused by their own policy. Only preflights are sent: no
/// endpoint's handler runs.
/// </summary>
public sealed class CorsAppCheck
{
    /// <summary>Used for any-origin policies when the test gives no origin.</summary>
    public const string AnyOriginSample = "https://any-origin.example";

    private readonly IServiceProvider _services;
    private readonly CorsVerdictEngine _engine;
    private readonly HttpClient _client;
    private readonly CorsAppCheckOptions _options;

    /// <summary>Creates the check for an app.</summary>
    /// <param name="services">The app's services (<c>factory.Services</c>, <c>app.Services</c>).</param>
    /// <param name="client">A client to the same app (<c>factory.CreateClient()</c>); relative paths resolve against its base address.</param>
    /// <param name="options">How to pick origins and route values.</param>
    public CorsAppCheck(IServiceProvider services, HttpClient client, CorsAppCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(client);
        _services = services;
        _client = client;
        _options = options ?? new CorsAppCheckOptions();
        _engine = new CorsVerdictEngine(client, new CorsVerdictOptions { Browser = _options.Browser });
    }

    /// <summary>Runs the check.</summary>
    /// <param name="cancellationToken">Cancels the preflights.</param>
    /// <returns>The report; call <see cref="CorsAppReport.EnsurePassed"/> to fail a test.</returns>
    public async Task<CorsAppReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<CorsEndpointResult>();
        foreach (var endpoint in CorsEndpointInventory.Discover(_services))
        {
            var methods = endpoint.Methods.Count > 0 ? endpoint.Methods : ["GET"];
            foreach (var method in methods)
            {
                results.Add(await CheckAsync(endpoint, method, cancellationToken).ConfigureAwait(false));
            }
        }

        return new CorsAppReport(results);
    }

    private async Task<CorsEndpointResult> CheckAsync(CorsEndpoint endpoint, string method, CancellationToken cancellationToken)
    {
        var policy = endpoint.Policy;
        var origin = policy.FirstExactOrigin ?? _options.Origin ?? (policy.AllowsAnyOrigin ? AnyOriginSample : null);
        if (origin is null)
        {
            return new(endpoint, method, null, null, CorsEndpointOutcome.NotTestable,
                "the policy lists no exact origin (only patterns or a predicate): give one it allows in CorsAppCheckOptions.Origin", null);
        }

        var path = SampleRoute.Build(endpoint.Pattern, _options.RouteValues, out var missing);
        if (path is null)
        {
            return new(endpoint, method, null, origin, CorsEndpointOutcome.NotTestable,
                $"no sample value for the route parameter '{missing}': give it in CorsAppCheckOptions.RouteValues", null);
        }

        var headers = policy.AllowsAnyHeader ? [] : policy.Headers
            .Where(h => h != "*" && FetchRules.IsToken(h) && !FetchRules.IsForbiddenRequestHeader(h))
            .Select(h => new KeyValuePair<string, string>(h, h.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? "application/json" : "1"))
            .ToList();
        var url = _client.BaseAddress is { } baseAddress ? new Uri(baseAddress, path) : throw new InvalidOperationException("The HttpClient needs a BaseAddress.");
        var request = new CorsRequest(url, origin)
        {
            Method = method,
            Headers = headers,
            Credentials = policy.SupportsCredentials ? CredentialsMode.Include : CredentialsMode.SameOrigin,
        };
        var verdict = await _engine.PreflightAsync(request, cancellationToken).ConfigureAwait(false);
        if (verdict.Allowed)
        {
            return new(endpoint, method, path, origin, CorsEndpointOutcome.Passed, $"preflight answered {verdict.Status} and allowed", verdict);
        }

        var exchange = verdict.Exchanges.Count > 0 ? verdict.Exchanges[^1] : null;
        var neverReached = verdict.Failure is CorsFailure.PreflightDisallowedRedirect or CorsFailure.NetworkError
            || (exchange is not null && exchange.ResponseHeader("Access-Control-Allow-Origin") is null
                && exchange.StatusCode is 401 or 403 or 404 or 405 or >= 500);
        var outcome = neverReached ? CorsEndpointOutcome.NeverReachedCors : CorsEndpointOutcome.RefusedByOwnPolicy;
        var message = neverReached
            ? $"the preflight never reached CORS: answered {exchange?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}. {verdict.Cause}"
                + InferredAtStartup(endpoint)
            : verdict.ConsoleMessage.Length > 0 ? verdict.ConsoleMessage : verdict.Cause;
        return new(endpoint, method, path, origin, outcome, message, verdict);
    }

    // The probe confirms what CorsKit's startup report could already infer (authorization before CorsKit): say so, with
    // its fix; when the report saw nothing, the cause is one it cannot see (a middleware answering OPTIONS, a redirect).
    private static string InferredAtStartup(CorsEndpoint endpoint) => endpoint.CorsKitReport switch
    {
        null => string.Empty,
        { Preflight: CorsKitPreflightReach.ReachesCorsKit } => " CorsKit's startup report saw nothing in the way, so a middleware before UseCorsKit() answered it (the CorsKit log names it: events 21-25).",
        { } report => " CorsKit's startup report inferred it: the preflight " + report.PreflightExplanation,
    };
}
