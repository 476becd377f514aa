using System.Globalization;

namespace CorsKit.Origins;

/// <summary>
/// Whether a host label that starts with <c>xn--</c> is one a browser's URL parser can produce. The URL standard's host
/// parser runs UTS #46 "ToASCII" over every host, which decodes each <c>xn--</c> label as Punycode (RFC 3492) and fails
/// the whole URL when the decoding fails or the decoded label is not a valid IDNA label. So a page can never have such
/// an origin, and no browser sends one in <c>Origin</c>.
/// </summary>
/// <remarks>
/// Stack-only: the decoded code points go to a buffer on the stack (a label is at most 63 characters, so at most 59
/// code points). Callers run it only for labels that start with <c>xn--</c>. The validity check after decoding is a
/// conservative reading of UTS #46 over the code points' general category (no unassigned, control, private-use,
/// surrogate, upper- or title-case, space or format code points, no leading combining mark, at least one non-ASCII code
/// point), NFKC stability (what UTS #46 maps is not valid in an ACE label) and the right-to-left label rule in its
/// simplest form. It does not consult the full IDNA mapping table, so it may refuse a rare valid label (Cherokee
/// capitals, which UTS #46 keeps); it is never meant to accept one the URL parser fails.
/// </remarks>
internal static class PunycodeLabel
{
    /// <summary>The ACE prefix that marks a Punycode label.</summary>
    public const string AcePrefix = "xn--";

    /// <summary>The longest label DNS allows, and so the longest the parsers accept.</summary>
    public const int MaxLabelLength = 63;

    // RFC 3492 section 5: the parameters of Punycode.
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 0x80;

    /// <summary>Whether <paramref name="label"/> (lower-case, starting with <c>xn--</c>, at most 63 characters) decodes
    /// to a label a browser's URL parser accepts.</summary>
    /// <param name="label">The whole label, prefix included.</param>
    /// <returns><see langword="true"/> when a browser could have produced it.</returns>
    public static bool IsValid(ReadOnlySpan<char> label)
    {
        if (label.Length > MaxLabelLength || !label.StartsWith(AcePrefix.AsSpan(), StringComparison.Ordinal))
        {
            return false;
        }

        Span<int> decoded = stackalloc int[MaxLabelLength];
        return TryDecode(label.Slice(AcePrefix.Length), decoded, out var length) && IsValidIdnaLabel(decoded.Slice(0, length));
    }

    /// <summary>RFC 3492 section 6.2, with its overflow checks: decodes <paramref name="encoded"/> (the part after
    /// <c>xn--</c>) into code points.</summary>
    /// <param name="encoded">The Punycode text.</param>
    /// <param name="output">Room for the code points (at least as long as <paramref name="encoded"/>).</param>
    /// <param name="length">How many code points were written.</param>
    /// <returns><see langword="false"/> for empty input, a bad digit, an overflow or a code point out of range.</returns>
    public static bool TryDecode(ReadOnlySpan<char> encoded, Span<int> output, out int length)
    {
        length = 0;
        if (encoded.IsEmpty)
        {
            // "xn--" alone decodes to the empty label, which UTS #46 refuses.
            return false;
        }

        // Basic code points are everything before the last delimiter.
        var delimiter = encoded.LastIndexOf('-');
        if (delimiter > 0)
        {
            foreach (var c in encoded.Slice(0, delimiter))
            {
                if (c >= 0x80 || length == output.Length)
                {
                    return false;
                }

                output[length++] = c;
            }
        }

        long n = InitialN, i = 0;
        var bias = InitialBias;
        var position = delimiter > 0 ? delimiter + 1 : 0;
        if (delimiter == 0)
        {
            // A leading delimiter with nothing before it: RFC 3492 reads it as a digit-less basic part, but then the
            // label would start with "-" after "xn--"; browsers' decoders refuse it.
            return false;
        }

        while (position < encoded.Length)
        {
            var oldI = i;
            long w = 1;
            for (var k = Base; ; k += Base)
            {
                if (position >= encoded.Length)
                {
                    return false;
                }

                var digit = DigitValue(encoded[position++]);
                if (digit < 0 || digit > (int.MaxValue - i) / w)
                {
                    return false;
                }

                i += digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                if (w > int.MaxValue / (Base - t))
                {
                    return false;
                }

                w *= Base - t;
            }

            var count = length + 1;
            bias = Adapt(i - oldI, count, oldI == 0);
            if (i / count > int.MaxValue - n)
            {
                return false;
            }

            n += i / count;
            i %= count;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF || length == output.Length)
            {
                return false;
            }

            output.Slice((int)i, length - (int)i).CopyTo(output.Slice((int)i + 1));
            output[(int)i] = (int)n;
            length++;
            i++;
        }

        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        >= '0' and <= '9' => c - '0' + 26,
        _ => -1,
    };

    private static int Adapt(long delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + ((Base - TMin + 1) * delta / (delta + Skew)));
    }

    // UTS #46 section 4.1 (validity criteria) as far as general categories can tell, for the decoded label.
    private static bool IsValidIdnaLabel(ReadOnlySpan<int> codePoints)
    {
        var anyNonAscii = false;
        var anyRightToLeft = false;
        var anyLeftToRightLetter = false;
        for (var index = 0; index < codePoints.Length; index++)
        {
            var codePoint = codePoints[index];
            if (codePoint < 0x80)
            {
                // What the URL standard keeps in a label: lower-case letters, digits, '-' and '_' (no STD3 rules).
                if (!(codePoint is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
                {
                    return false;
                }

                anyLeftToRightLetter |= codePoint is >= 'a' and <= 'z';
                continue;
            }

            anyNonAscii = true;
            var category = CategoryOf(codePoint);
            switch (category)
            {
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.Control:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.SpaceSeparator:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.Format when codePoint is not (0x200C or 0x200D):
                    return false;
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    if (index == 0)
                    {
                        return false;
                    }

                    break;
            }

            if (IsRightToLeft(codePoint))
            {
                anyRightToLeft = true;
            }
            else if (category is UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter)
            {
                anyLeftToRightLetter = true;
            }
        }

        // An ACE label must stand for something non-ASCII (UTS #46 since 15.1: "xn--" + ASCII is an error), and a label
        // with right-to-left letters may not also hold left-to-right letters (RFC 5893, the Bidi rule) and must start
        // with one of them.
        return anyNonAscii
            && (!anyRightToLeft || (!anyLeftToRightLetter && IsRightToLeft(codePoints[0])))
            && IsCompatibilityNormalized(codePoints);
    }

    // UTS #46 maps every code point that NFKC changes (circled letters, full-width forms, ligatures, decomposed
    // accents): a label holding one is not what ToASCII would produce, and the URL parser fails it.
    private static bool IsCompatibilityNormalized(ReadOnlySpan<int> codePoints)
    {
        var allStable = true;
        foreach (var codePoint in codePoints)
        {
            allStable &= codePoint < 0x80 || IsKnownStable(codePoint);
        }

        if (allStable)
        {
            // The common scripts' letters need no normalization data (and no allocation: the framework's span check
            // allocates a little, so it runs only for the rest).
            return true;
        }

        Span<char> text = stackalloc char[2 * MaxLabelLength];
        var length = 0;
        foreach (var codePoint in codePoints)
        {
            if (codePoint >= 0x10000)
            {
                text[length++] = (char)(0xD800 + ((codePoint - 0x10000) >> 10));
                text[length++] = (char)(0xDC00 + ((codePoint - 0x10000) & 0x3FF));
            }
            else
            {
                text[length++] = (char)codePoint;
            }
        }

        try
        {
#if NET
            return ((ReadOnlySpan<char>)text.Slice(0, length)).IsNormalized(System.Text.NormalizationForm.FormKC);
#else
            return new string(text.Slice(0, length).ToArray()).IsNormalized(System.Text.NormalizationForm.FormKC);
#endif
        }
        catch (PlatformNotSupportedException)
        {
            // Globalization-invariant mode has no normalization data: the other checks still apply.
            return true;
        }
    }

    // Letters that NFKC leaves alone and that never combine with a neighbour: Latin-1 and Latin Extended-A lower case
    // (without the ligatures and the long s), Greek and Cyrillic lower case, Hebrew and Arabic letters, Thai consonants,
    // kana, CJK ideographs and Hangul syllables. Anything else goes to the full normalization check.
    private static bool IsKnownStable(int codePoint) =>
        codePoint is (>= 0xDF and <= 0xFF)
            or (>= 0x100 and <= 0x17E and not (0x132 or 0x133 or 0x13F or 0x140 or 0x149))
            or (>= 0x3AC and <= 0x3CE) or (>= 0x430 and <= 0x45F)
            or (>= 0x5D0 and <= 0x5EA) or (>= 0x621 and <= 0x63A) or (>= 0x641 and <= 0x64A)
            or (>= 0xE01 and <= 0xE30 and not 0xE33)
            or (>= 0x3041 and <= 0x3096) or (>= 0x30A1 and <= 0x30FA) or 0x30FC
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7A3);

    // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms: the blocks whose letters
    // have bidi class R or AL. Approximate on purpose (a stricter refusal is the safe direction).
    private static bool IsRightToLeft(int codePoint) =>
        codePoint is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF)
            or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);

    private static UnicodeCategory CategoryOf(int codePoint)
    {
#if NET
        return CharUnicodeInfo.GetUnicodeCategory(codePoint);
#else
        return CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
#endif
    }
}
