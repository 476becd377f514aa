using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace CorsKit.Origins;

/// <summary>
/// Serialises an IPv6 address the way the URL standard does (and so the way browsers write it in <c>Origin</c>): eight
/// lower-case hex pieces without leading zeros, the first longest run of two or more zero pieces compressed to
/// <c>::</c>, and never a dotted IPv4 tail (unlike <see cref="IPAddress.ToString()"/>).
/// </summary>
internal static class Ipv6Serializer
{
    public static string Serialize(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<ushort> pieces = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            pieces[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i * 2)..]);
        }

        var (compressStart, compressLength) = LongestZeroRun(pieces);
        var builder = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == compressStart)
            {
                builder.Append(i == 0 ? "::" : ":");
                i += compressLength - 1;
                continue;
            }

            builder.Append(pieces[i].ToString("x", CultureInfo.InvariantCulture));
            if (i < 7)
            {
                builder.Append(':');
            }
        }

        return builder.ToString();
    }

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<ushort> pieces)
    {
        int bestStart = -1, bestLength = 1, runStart = -1;
        for (var i = 0; i <= pieces.Length; i++)
        {
            if (i < pieces.Length && pieces[i] == 0)
            {
                runStart = runStart < 0 ? i : runStart;
                continue;
            }

            if (runStart >= 0 && i - runStart > bestLength)
            {
                (bestStart, bestLength) = (runStart, i - runStart);
            }

            runStart = -1;
        }

        return bestStart < 0 ? (-1, 0) : (bestStart, bestLength);
    }

    /// <summary>
    /// Whether <paramref name="text"/> (the part between the brackets) is exactly how <see cref="Serialize"/> writes
    /// some address, so the only spelling a browser sends. Allocation-free: parses the pieces into a stack buffer and
    /// compares them with the canonical form written piece by piece.
    /// </summary>
    /// <param name="text">Lower-case hex pieces and colons.</param>
    /// <returns><see langword="true"/> for the canonical form.</returns>
    public static bool IsCanonical(ReadOnlySpan<char> text)
    {
        Span<ushort> pieces = stackalloc ushort[8];
        if (!TryParsePieces(text, pieces))
        {
            return false;
        }

        var (compressStart, compressLength) = LongestZeroRun(pieces);
        var position = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == compressStart)
            {
                if (!Expect(text, ref position, i == 0 ? "::" : ":"))
                {
                    return false;
                }

                i += compressLength - 1;
                continue;
            }

            if (!ExpectHex(text, ref position, pieces[i]) || (i < 7 && !Expect(text, ref position, ":")))
            {
                return false;
            }
        }

        return position == text.Length;
    }

    // Hex pieces separated by ':', at most one "::" standing for the missing zero pieces; no dotted IPv4 tail.
    private static bool TryParsePieces(ReadOnlySpan<char> text, Span<ushort> pieces)
    {
        var count = 0;
        var compressAt = -1;
        var position = 0;
        if (text.Length >= 2 && text[0] == ':' && text[1] == ':')
        {
            compressAt = 0;
            position = 2;
        }
        else if (text.Length > 0 && text[0] == ':')
        {
            return false;
        }

        while (position < text.Length)
        {
            if (count == 8)
            {
                return false;
            }

            var value = 0;
            var digits = 0;
            while (position < text.Length && digits < 5 && HexValue(text[position]) is var digit and >= 0)
            {
                value = (value << 4) | digit;
                digits++;
                position++;
            }

            if (digits is 0 or > 4)
            {
                return false;
            }

            pieces[count++] = (ushort)value;
            if (position == text.Length)
            {
                break;
            }

            if (text[position] != ':')
            {
                return false;
            }

            position++;
            if (position < text.Length && text[position] == ':')
            {
                if (compressAt >= 0)
                {
                    return false;
                }

                compressAt = count;
                position++;
            }
            else if (position == text.Length)
            {
                return false;
            }
        }

        if (compressAt < 0)
        {
            return count == 8;
        }

        if (count == 8)
        {
            return false;
        }

        var moved = count - compressAt;
        for (var i = 0; i < moved; i++)
        {
            pieces[7 - i] = pieces[count - 1 - i];
        }

        for (var i = compressAt; i < 8 - moved; i++)
        {
            pieces[i] = 0;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static bool Expect(ReadOnlySpan<char> text, ref int position, string expected)
    {
        if (text.Length - position < expected.Length || !text.Slice(position, expected.Length).SequenceEqual(expected.AsSpan()))
        {
            return false;
        }

        position += expected.Length;
        return true;
    }

    // The piece in lower-case hex without leading zeros.
    private static bool ExpectHex(ReadOnlySpan<char> text, ref int position, ushort piece)
    {
        var started = false;
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            var nibble = (piece >> shift) & 0xF;
            if (!started && nibble == 0 && shift > 0)
            {
                continue;
            }

            started = true;
            var expected = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            if (position >= text.Length || text[position] != expected)
            {
                return false;
            }

            position++;
        }

        return true;
    }
}
