using FluentAssertions;

namespace CorsKit.TestKit;

/// <summary>Builds CORS requests and reads CORS responses.</summary>
public static class CorsRequests
{
    public static HttpRequestMessage Preflight(string path, string origin, string method, string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        }

        return request;
    }

    public static HttpRequestMessage Actual(HttpMethod method, string path, string? origin)
    {
        var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    /// <summary>The single value of a response header, or null when absent (fails on duplicates).</summary>
    public static string? Header(this HttpResponseMessage response, string name)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found.ToList()
            : response.Content.Headers.TryGetValues(name, out var contentFound) ? contentFound.ToList() : [];
        values.Count.Should().BeLessThanOrEqualTo(1, $"'{name}' must not be sent more than once");
        return values.SingleOrDefault();
    }

    /// <summary>Every value of a header, joined as a list (multiple lines are one comma-separated list in HTTP).</summary>
    public static string? HeaderList(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    public static IEnumerable<string> CorsHeaderNames(this HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
}
