namespace CorsKit.HardeningTests.Infrastructure;

/// <summary>What a header value CorsKit writes may contain.</summary>
internal static class HeaderValues
{
    /// <summary>Visible ASCII (0x21-0x7E), SP and HTAB only: no CR, LF, NUL, other controls, DEL or anything above 0x7E.</summary>
    public static bool IsClean(string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (!(c is >= '\u0021' and <= '\u007e' or ' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The comma-separated items of a list value, trimmed, empty items dropped.</summary>
    public static string[] Items(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
