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
}
