using System.Text;

namespace CorsKit.Diagnostics;

/// <summary>
/// Makes request-supplied values safe to log: quoted, control characters escaped (no forged log lines) and cut to a
/// bounded length (no megabyte log entries). Only called when the log level is enabled.
/// </summary>
internal static class LogValue
{
    public const int MaxLength = 128;

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 16).Append('"');
        var length = Math.Min(value.Length, MaxLength);
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c > 0x7E)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('"');
        if (value.Length > MaxLength)
        {
            builder.Append("... (").Append(value.Length).Append(" chars)");
        }

        return builder.ToString();
    }

    public static string Quote(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count switch
        {
            0 => "(none)",
            1 => Quote(values[0]),
            _ => Quote(string.Join(", ", values.ToArray())) + $" ({values.Count} header lines)",
        };

    /// <summary>
    /// Makes a diagnostic text a valid header value: visible ASCII and spaces only (a policy name may be non-ASCII, and
    /// Kestrel refuses such header values), cut to a bounded length.
    /// </summary>
    public static string HeaderSafe(string text)
    {
        const int MaxHeaderLength = 1024;
        var length = Math.Min(text.Length, MaxHeaderLength);
        return string.Create(length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= ' ' and <= '~' ? c : '?';
            }
        });
    }
}
