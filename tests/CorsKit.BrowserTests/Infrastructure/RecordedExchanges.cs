using System.Net;
using System.Runtime.CompilerServices;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// An HTTP "server" for the verdict engine made of what the real server already answered the browser: each request
/// the engine would send is answered with the status and headers the server sent for the matching request the
/// browser made (same method, path, query and Origin, preflight or not), taken from the site's <see cref="RequestLog"/>.
/// Nothing is sent again, so no handler runs twice and the request logs stay the browser's alone.
/// </summary>
internal sealed class RecordedExchanges : HttpMessageHandler
{
    private static readonly ConditionalWeakTable<RecordedRequest, object> Judged = new();

    private readonly Func<int, RequestLog?> _logs;

    public RecordedExchanges(Func<int, RequestLog?> logs) => _logs = logs;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var isPreflight = request.Method == HttpMethod.Options && request.Headers.Contains("Access-Control-Request-Method");
        var origin = request.Headers.TryGetValues("Origin", out var values) ? values.Single() : null;
        var log = _logs(uri.Port) ?? throw new NotRecordedException($"no test server on port {uri.Port}");

        // The oldest request the browser made that no earlier judgement used: the browser's own order.
        var recorded = log.All.FirstOrDefault(r => !Judged.TryGetValue(r, out _)
            && r.Method == request.Method.Method
            && r.Path == uri.AbsolutePath
            && r.IsPreflight == isPreflight
            && r.Origin == origin)
            ?? throw new NotRecordedException($"the browser sent no {(isPreflight ? "preflight" : request.Method.Method)} to {uri.AbsolutePath} from {origin ?? "no origin"}");
        Judged.Add(recorded, new object());

        var response = new HttpResponseMessage((HttpStatusCode)recorded.Status) { RequestMessage = request, Content = new ByteArrayContent([]) };
        foreach (var (name, value) in recorded.ResponseHeaders)
        {
            // The log joins repeated field lines with ','; browsers join them with ", ". Access-Control-Allow-Origin
            // never legitimately holds a comma, so each part was its own field line (the two-values scenario).
            var lines = name.Equals("Access-Control-Allow-Origin", StringComparison.OrdinalIgnoreCase) ? value.Split(',') : [value];
            foreach (var line in lines)
            {
                if (!response.Headers.TryAddWithoutValidation(name, line))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, line);
                }
            }
        }

        return Task.FromResult(response);
    }
}

/// <summary>The engine asked for an exchange the browser did not make (it used a cache), so it cannot be judged.</summary>
internal sealed class NotRecordedException(string message) : Exception(message);
