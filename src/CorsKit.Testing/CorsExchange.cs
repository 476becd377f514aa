using System.Text;

namespace CorsKit.Testing;

/// <summary>One HTTP request the browser sent and the response it got (before the browser hid anything).</summary>
public sealed class CorsExchange
{
    internal CorsExchange(ExchangeKind kind, string method, Uri url, IReadOnlyList<KeyValuePair<string, string>> requestHeaders,
        int statusCode, IReadOnlyList<KeyValuePair<string, string>> responseHeaders)
    {
        Kind = kind;
        Method = method;
        Url = url;
        RequestHeaders = requestHeaders;
        StatusCode = statusCode;
        ResponseHeaders = responseHeaders;
    }

    /// <summary>Preflight or actual request.</summary>
    public ExchangeKind Kind { get; }

    /// <summary>The request method sent.</summary>
    public string Method { get; }

    /// <summary>The request URL.</summary>
    public Uri Url { get; }

    /// <summary>The request headers the browser sent (<c>Origin</c>, <c>Access-Control-Request-*</c> and script's own).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; }

    /// <summary>The response status code.</summary>
    public int StatusCode { get; }

    /// <summary>Every response header, one entry per field line, in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; }

    /// <summary>A response header's value, several field lines joined with <c>", "</c> as browsers do, or null.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The combined value, or <see langword="null"/> when absent.</returns>
    public string? ResponseHeader(string name) => Combine(ResponseHeaders, name);

    /// <summary>A request header's value, or null.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The combined value, or <see langword="null"/> when absent.</returns>
    public string? RequestHeader(string name) => Combine(RequestHeaders, name);

    /// <summary>The request line and the CORS-relevant headers, as the tool prints them.</summary>
    /// <returns>A few lines of text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Kind == ExchangeKind.Preflight ? "preflight: " : "request:   ").Append(Method).Append(' ').Append(Url.AbsoluteUri).Append('\n');
        foreach (var (name, value) in RequestHeaders)
        {
            text.Append("  > ").Append(name).Append(": ").Append(value).Append('\n');
        }

        text.Append("  < ").Append(StatusCode).Append('\n');
        foreach (var (name, value) in ResponseHeaders)
        {
            if (IsRelevantResponseHeader(name))
            {
                text.Append("  < ").Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    internal static string? Combine(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        string? combined = null;
        foreach (var (key, value) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                combined = combined is null ? value : combined + ", " + value;
            }
        }

        return combined;
    }

    private static bool IsRelevantResponseHeader(string name) =>
        name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Vary", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Location", StringComparison.OrdinalIgnoreCase)
        || name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase);
}
