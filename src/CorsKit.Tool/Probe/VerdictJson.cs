using System.Text;
using System.Text.Json;
using CorsKit.Testing;

namespace CorsKit.Tool.Probe;

/// <summary>The <c>--json</c> output: one object with <c>allowed</c>, <c>message</c>, the diagnosis and the exchanges.</summary>
internal static class VerdictJson
{
    public static string Write(CorsVerdict? verdict, string? error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("allowed", verdict?.Allowed ?? false);
            json.WriteString("message", verdict?.ConsoleMessage ?? string.Empty);
            json.WriteString("failure", verdict?.Failure.ToString() ?? nameof(CorsFailure.NetworkError));
            json.WriteBoolean("failedAtPreflight", verdict?.FailedAtPreflight ?? false);
            json.WriteString("cause", verdict?.Cause ?? string.Empty);
            json.WriteString("fix", verdict?.Fix ?? string.Empty);
            json.WriteString("browser", (verdict?.Browser ?? BrowserEngine.Chromium).ToString().ToLowerInvariant());
            json.WriteBoolean("preflightRequired", verdict?.PreflightRequired ?? false);
            json.WriteNumber("status", verdict?.Status ?? 0);
            if (error is not null)
            {
                json.WriteString("error", error);
            }

            json.WriteStartObject("readableHeaders");
            foreach (var (name, value) in verdict?.ReadableHeaders ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("standardNotes");
            foreach (var note in verdict?.StandardNotes ?? [])
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartArray("exchanges");
            foreach (var exchange in verdict?.Exchanges ?? [])
            {
                json.WriteStartObject();
                json.WriteString("kind", exchange.Kind == ExchangeKind.Preflight ? "preflight" : "actual");
                json.WriteString("method", exchange.Method);
                json.WriteString("url", exchange.Url.AbsoluteUri);
                WriteHeaders(json, "requestHeaders", exchange.RequestHeaders);
                json.WriteNumber("status", exchange.StatusCode);
                WriteHeaders(json, "responseHeaders", exchange.ResponseHeaders);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteHeaders(Utf8JsonWriter json, string property, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        json.WriteStartArray(property);
        foreach (var (name, value) in headers)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
