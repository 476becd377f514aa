using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace CorsKit.HardeningTests.Infrastructure;

/// <summary>
/// The real CorsKit middleware (registered with <c>AddCorsKit</c> / <c>UseCorsKit</c>) in front of a terminal endpoint,
/// driven in memory with a <see cref="DefaultHttpContext"/>. The response feature records <c>OnStarting</c> callbacks
/// and fires them when the endpoint has run, as a server does, so the headers of actual responses can be read.
/// Fast enough for thousands of property-based cases; any string can be put in a request header here.
/// </summary>
internal sealed class InMemoryPipeline : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly RequestDelegate _app;

    public InMemoryPipeline(Action<CorsKitOptions> configure, RequestDelegate? endpoint = null, bool enableLogging = true)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (enableLogging)
            {
                // Every level enabled, so the log-formatting paths (which quote request values) run too.
                logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
            }
        });
        services.AddCorsKit(configure);
        _services = services.BuildServiceProvider();
        var app = new ApplicationBuilder(_services);
        app.UseCorsKit();
        app.Run(endpoint ?? (context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }));
        _app = app.Build();
    }

    public async Task<InMemoryResponse> SendAsync(string method, IEnumerable<KeyValuePair<string, StringValues>> headers, string host = "server.invalid")
    {
        var features = new FeatureCollection();
        var request = new HttpRequestFeature { Method = method, Scheme = "https", Path = "/resource", Protocol = "HTTP/1.1" };
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var response = new RecordingResponseFeature();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        var context = new DefaultHttpContext(features) { RequestServices = _services };

        await _app(context);
        await response.StartAsync();
        return new InMemoryResponse(response.StatusCode, response.Headers);
    }

    public void Dispose() => _services.Dispose();

    private sealed class RecordingResponseFeature : IHttpResponseFeature
    {
        private readonly Stack<(Func<object, Task> Callback, object State)> _onStarting = new();

        public int StatusCode { get; set; } = StatusCodes.Status200OK;

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        public Stream Body { get; set; } = Stream.Null;

        public bool HasStarted { get; private set; }

        public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Push((callback, state));

        public void OnCompleted(Func<object, Task> callback, object state)
        {
        }

        public async Task StartAsync()
        {
            // Servers run OnStarting callbacks in reverse order of registration, then the response is started.
            while (_onStarting.TryPop(out var entry))
            {
                await entry.Callback(entry.State);
            }

            HasStarted = true;
        }
    }
}

internal sealed record InMemoryResponse(int StatusCode, IHeaderDictionary Headers)
{
    public string? this[string name] => Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
}
