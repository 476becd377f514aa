namespace CorsKit.Origins;

/// <summary>
/// The URL standard's IPv4 rules: which hosts a browser reads as an IPv4 address ("ends in a number"), how it parses
/// them (up to four parts, each decimal, octal with a leading <c>0</c> or hex with <c>0x</c>, the last part filling the
/// remaining bytes) and how it writes the result (dotted decimal). So <c>0x7f000001</c>, <c>0177.0.0.1</c> and
/// <c>127.1</c> are all <c>127.0.0.1</c> in a browser's <c>Origin</c>.
/// </summary>
internal static class Ipv4Host
{
    /// <summary>URL standard "ends in a number": the last label (a single trailing dot ignored) is all digits or a
    /// valid <c>0x</c> hex number.</summary>
    /// <param name="host">A lower-case ASCII host name.</param>
    /// <returns><see langword="true"/> when a browser parses the host as an IPv4 address.</returns>
    public static bool EndsInANumber(ReadOnlySpan<char> host)
    {
        if (!host.IsEmpty && host[host.Length - 1] == '.')
        {
            host = host.Slice(0, host.Length - 1);
        }

        var last = host.Slice(host.LastIndexOf('.') + 1);
        if (last.IsEmpty)
        {
            return false;
        }

        return AllDigits(last) || TryParsePart(last, out _);
    }

    /// <summary>URL standard "IPv4 parser".</summary>
    /// <param name="host">A host that <see cref="EndsInANumber"/>.</param>
    /// <param name="address">The address, most significant byte first.</param>
    /// <returns><see langword="false"/> when the browser's parser fails (it then refuses the URL).</returns>
    public static bool TryParse(ReadOnlySpan<char> host, out uint address)
    {
        address = 0;
        if (!host.IsEmpty && host[host.Length - 1] == '.')
        {
            host = host.Slice(0, host.Length - 1);
        }

        Span<ulong> parts = stackalloc ulong[4];
        var count = 0;
        while (true)
        {
            var dot = host.IndexOf('.');
            var part = dot < 0 ? host : host.Slice(0, dot);
            if (count == 4 || !TryParsePart(part, out parts[count]))
            {
                return false;
            }

            count++;
            if (dot < 0)
            {
                break;
            }

            host = host.Slice(dot + 1);
        }

        for (var i = 0; i < count - 1; i++)
        {
            if (parts[i] > 255)
            {
                return false;
            }
        }

        if (parts[count - 1] >= 1UL << (8 * (5 - count)))
        {
            return false;
        }

        ulong value = parts[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            value += parts[i] << (8 * (3 - i));
        }

        address = (uint)value;
        return true;
    }

    /// <summary>The dotted-decimal serialisation a browser writes.</summary>
    /// <param name="address">The address.</param>
    /// <returns>Such as <c>127.0.0.1</c>.</returns>
    public static string Serialize(uint address) =>
        string.Join(".", (address >> 24).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((address >> 16) & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((address >> 8) & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (address & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether <paramref name="host"/> is exactly how a browser writes an IPv4 address: four decimal numbers
    /// of 0-255 without leading zeros and no trailing dot.</summary>
    /// <param name="host">The host.</param>
    /// <returns><see langword="true"/> for a canonical dotted quad.</returns>
    public static bool IsCanonical(ReadOnlySpan<char> host)
    {
        for (var part = 0; part < 4; part++)
        {
            var dot = host.IndexOf('.');
            if ((dot < 0) != (part == 3))
            {
                return false;
            }

            var digits = dot < 0 ? host : host.Slice(0, dot);
            if (digits.IsEmpty || digits.Length > 3 || !AllDigits(digits) || (digits.Length > 1 && digits[0] == '0')
                || (digits.Length == 3 && (digits[0] > '2' || (digits[0] == '2' && (digits[1] > '5' || (digits[1] == '5' && digits[2] > '5'))))))
            {
                return false;
            }

            host = dot < 0 ? default : host.Slice(dot + 1);
        }

        return true;
    }

    // URL standard "IPv4 number parser": "0x"/"0X" hex (empty means 0), a leading "0" octal, else decimal.
    private static bool TryParsePart(ReadOnlySpan<char> part, out ulong value)
    {
        value = 0;
        if (part.IsEmpty)
        {
            return false;
        }

        var radix = 10u;
        if (part.Length >= 2 && part[0] == '0' && part[1] is 'x' or 'X')
        {
            radix = 16;
            part = part.Slice(2);
        }
        else if (part.Length >= 2 && part[0] == '0')
        {
            radix = 8;
            part = part.Slice(1);
        }

        foreach (var c in part)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => (uint)(c - '0'),
                >= 'a' and <= 'f' => (uint)(c - 'a' + 10),
                >= 'A' and <= 'F' => (uint)(c - 'A' + 10),
                _ => uint.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            // Any value above 2^32 already fails; saturate instead of overflowing on long inputs.
            value = Math.Min((value * radix) + digit, 1UL << 40);
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
