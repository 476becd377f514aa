using Microsoft.Extensions.Primitives;

namespace CorsKit.Protocol;

/// <summary>
/// Walks the names in an <c>Access-Control-Request-Headers</c> value without allocating: items are separated by
/// commas, surrounded by optional white space (SP / HTAB), may be split over several header lines, and empty items
/// are skipped (RFC 9110 §5.6.1 list rules). Browsers send the list lower-cased and sorted, but any client may not.
/// </summary>
internal ref struct HeaderNameList
{
    private readonly StringValues _lines;
    private int _lineIndex;
    private ReadOnlySpan<char> _rest;

    public HeaderNameList(StringValues lines)
    {
        _lines = lines;
        _lineIndex = 0;
        _rest = lines.Count > 0 ? lines[0].AsSpan() : default;
    }

    /// <summary>Moves to the next non-empty item; <paramref name="name"/> is that item with white space trimmed.</summary>
    /// <summary>The next name as a segment of the header line it came from (for reporting it without allocating).</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="false"/> when the list is exhausted.</returns>
    public bool TryGetNextSegment(out StringSegment name)
    {
        if (!TryGetNext(out ReadOnlySpan<char> span))
        {
            name = default;
            return false;
        }

        // The span is a slice of the current line: recover its offset from the line's length and what remains after it.
        var line = _lines[_lineIndex]!;
        var end = line.Length - _rest.Length - (_rest.IsEmpty ? 0 : 1);
        var start = line.AsSpan(0, end).LastIndexOf(span);
        name = new StringSegment(line, start, span.Length);
        return true;
    }

    public bool TryGetNext(out ReadOnlySpan<char> name)
    {
        while (true)
        {
            while (_rest.IsEmpty)
            {
                _lineIndex++;
                if (_lineIndex >= _lines.Count)
                {
                    name = default;
                    return false;
                }

                _rest = _lines[_lineIndex].AsSpan();
            }

            var comma = _rest.IndexOf(',');
            ReadOnlySpan<char> item;
            if (comma < 0)
            {
                item = _rest;
                _rest = default;
            }
            else
            {
                item = _rest[..comma];
                _rest = _rest[(comma + 1)..];
            }

            item = item.Trim(" \t");
            if (!item.IsEmpty)
            {
                name = item;
                return true;
            }
        }
    }
}
