using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// Sends one request, again and again, through a pipeline: one <see cref="DefaultHttpContext"/> reused for every
/// invocation, its response status, headers and callbacks reset before each one, and the OnStarting callbacks run at
/// the end of each one as Kestrel runs them when the response starts. The headers live in Kestrel's own header
/// collections by default (<see cref="HeaderStore"/>), so reading Origin or writing Vary costs what it costs in
/// production. A warmed-up driver allocates nothing itself, so whatever a measurement sees beyond the no-CORS pipeline is
/// the middleware's.
/// </summary>
public sealed class RequestDriver
{
    private readonly RequestDelegate _pipeline;
    private readonly RecordingResponseFeature _response;

    public RequestDriver(BuiltPipeline pipeline, RequestScenario scenario, HeaderStore store = HeaderStore.Kestrel)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(scenario);
        _pipeline = pipeline.Delegate;
        Scenario = scenario;

        _response = new RecordingResponseFeature { Headers = HeaderStores.CreateResponseHeaders(store) };
        var headers = HeaderStores.CreateRequestHeaders(store);
        headers[HeaderNames.Host] = BenchPolicy.Host;
        if (scenario.Origin is not null)
        {
            headers[HeaderNames.Origin] = scenario.Origin;
        }

        if (scenario.RequestMethod is not null)
        {
            headers[HeaderNames.AccessControlRequestMethod] = scenario.RequestMethod;
        }

        if (scenario.RequestHeaders is not null)
        {
            headers[HeaderNames.AccessControlRequestHeaders] = scenario.RequestHeaders;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "https",
            Method = scenario.Method,
            Path = "/api/todos",
            Headers = headers,
        });
        features.Set<IHttpResponseFeature>(_response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        Context = new DefaultHttpContext(features) { RequestServices = pipeline.Services };
    }

    public RequestScenario Scenario { get; }

    public DefaultHttpContext Context { get; }

    /// <summary>The response of the last invocation.</summary>
    public HttpResponse Response => Context.Response;

    /// <summary>How many OnStarting callbacks the last invocation registered (and ran).</summary>
    public int OnStartingCallbacksRun => _response.OnStartingCallbacksRun;

    /// <summary>Sends the request once; completes synchronously when the pipeline does.</summary>
    public void Invoke()
    {
        _response.Reset();
        var task = _pipeline(Context);
        if (!task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
        }

        _response.Start();
        _response.Complete();
    }
}
