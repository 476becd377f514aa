using System.Net;

namespace CorsKit.Testing.Tests.Infrastructure;

/// <summary>
/// An HTTP server in a handler: answers each request with what the test's script returns and records every request,
/// so the engine's exchanges can be asserted byte for byte without a socket. (The BrowserCors tests use Kestrel.)
/// </summary>
public sealed class ScriptedServer(Func<HttpRequestMessage, Reply> script) : HttpMessageHandler
{
    public const string Api = "https://api.example.com";
    public const string App = "https://app.example.com";

    public List<HttpRequestMessage> Requests { get; } = [];

    public IEnumerable<HttpRequestMessage> Preflights => Requests.Where(r => r.Method == HttpMethod.Options && r.Headers.Contains("Access-Control-Request-Method"));

    public static CorsVerdictEngine Engine(Func<HttpRequestMessage, Reply> script, out ScriptedServer server, CorsVerdictOptions? options = null)
    {
        server = new ScriptedServer(script);
        return new CorsVerdictEngine(new HttpMessageInvoker(server), options);
    }

    public static CorsRequest Request(string path = "/data", string origin = App) => new(new Uri(Api + path), origin);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var reply = script(request);
        var response = new HttpResponseMessage((HttpStatusCode)reply.Status)
        {
            RequestMessage = request,
            Content = new StringContent(reply.Body),
        };
        foreach (var (name, value) in reply.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.Remove(name);
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return Task.FromResult(response);
    }
}

/// <summary>A scripted response.</summary>
public sealed record Reply(int Status, params (string Name, string Value)[] Headers)
{
    public string Body { get; init; } = "payload";

    public static Reply Ok(params (string, string)[] headers) => new(200, headers);

    public static Reply NoContent(params (string, string)[] headers) => new(204, headers) { Body = string.Empty };
}

/// <summary>Header helpers for scripts.</summary>
public static class Http
{
    public static bool IsPreflight(this HttpRequestMessage request) =>
        request.Method == HttpMethod.Options && request.Headers.Contains("Access-Control-Request-Method");

    public static string? Header(this HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : request.Content is not null && request.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : null;

    public static string OriginOf(this HttpRequestMessage request) => request.Header("Origin") ?? string.Empty;
}
