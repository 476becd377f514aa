#if !NET
using System.Net;

namespace System;

/// <summary>
/// The handful of .NET APIs the shared origin parser (src/CorsKit/Origins) uses that netstandard2.0 lacks, with the
/// same meaning, so that file compiles unchanged into the analyzer.
/// </summary>
internal static class NetCoreApiPolyfills
{
    extension(string text)
    {
        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;

        public int IndexOf(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison);

        public bool Contains(char value, StringComparison comparison) =>
            text.IndexOf(value.ToString(), comparison) >= 0;
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    }

    extension(IPAddress address)
    {
        public bool TryWriteBytes(Span<byte> destination, out int bytesWritten)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length > destination.Length)
            {
                bytesWritten = 0;
                return false;
            }

            bytes.CopyTo(destination);
            bytesWritten = bytes.Length;
            return true;
        }
    }
}
#endif
