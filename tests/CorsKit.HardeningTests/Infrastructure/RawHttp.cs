using System.Net.Sockets;
using System.Text;

namespace CorsKit.HardeningTests.Infrastructure;

/// <summary>
/// Sends raw bytes over a <see cref="TcpClient"/> (so malformed input arrives exactly as written, unlike
/// <c>HttpClient</c>, which validates headers) and parses the HTTP/1.1 response by hand.
/// </summary>
internal static class RawHttp
{
    public static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Builds a request: the request line, <c>Host</c>, the given header lines (raw bytes), <c>Connection: close</c>.</summary>
    public static byte[] Request(string method, string target, int port, IEnumerable<(string Name, byte[] Value)> headers, byte[]? body = null)
    {
        using var stream = new MemoryStream();
        Write(stream, $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        foreach (var (name, value) in headers)
        {
            Write(stream, name + ": ");
            stream.Write(value);
            Write(stream, "\r\n");
        }

        Write(stream, $"Content-Length: {body?.Length ?? 0}\r\nConnection: close\r\n\r\n");
        if (body is not null)
        {
            stream.Write(body);
        }

        return stream.ToArray();
    }

    public static (string Name, byte[] Value) Header(string name, string latin1Value) => (name, Latin1.GetBytes(latin1Value));

    public static async Task<RawResponse> SendAsync(int port, byte[] request, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cts.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
            // The server may answer (400/431) and close before reading everything we send: read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // Connection reset after the response was sent.
        }

        return RawResponse.Parse(received.ToArray());
    }

    private static void Write(Stream stream, string text) => stream.Write(Latin1.GetBytes(text));
}

/// <summary>A parsed HTTP/1.1 response; header values are kept as raw bytes (decoded as Latin-1, one char per byte).</summary>
internal sealed class RawResponse
{
    private RawResponse(int statusCode, IReadOnlyList<(string Name, string Value)> headers, int bodyLength)
    {
        StatusCode = statusCode;
        Headers = headers;
        BodyLength = bodyLength;
    }

    public int StatusCode { get; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    public int BodyLength { get; }

    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public bool Has(string name) => Values(name).Any();

    public static RawResponse Parse(byte[] bytes)
    {
        var text = RawHttp.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException($"Incomplete HTTP response ({bytes.Length} bytes): {text[..Math.Min(200, text.Length)]}");
        }

        var lines = text[..end].Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out var status))
        {
            throw new InvalidDataException($"Bad status line: {lines[0]}");
        }

        var headers = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Bad header line: {line[..Math.Min(200, line.Length)]}");
            }

            headers.Add((line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return new RawResponse(status, headers, text.Length - end - 4);
    }
}
