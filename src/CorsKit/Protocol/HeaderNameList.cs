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
    private string? _line;
    private int _position;

    public HeaderNameList(StringValues lines)
    {
        _lines = lines;
        _lineIndex = 0;
        _line = lines.Count > 0 ? lines[0] : null;
        _position = 0;
    }

    /// <summary>Moves to the next non-empty item; <paramref name="name"/> is that item with white space trimmed.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="false"/> when the list is exhausted.</returns>
    public bool TryGetNext(out ReadOnlySpan<char> name)
    {
        var found = TryGetNextSegment(out var segment);
        name = segment.AsSpan();
        return found;
    }

    /// <summary>The next name as a segment of the header line it came from (for reporting it without allocating).</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="false"/> when the list is exhausted.</returns>
    public bool TryGetNextSegment(out StringSegment name)
    {
        while (true)
        {
            while (_line is null || _position >= _line.Length)
            {
                // A line that ends in a comma still ends the item; move to the next line.
                if (++_lineIndex >= _lines.Count)
                {
                    name = default;
                    return false;
                }

                _line = _lines[_lineIndex];
                _position = 0;
            }

            var rest = _line.AsSpan(_position);
            var comma = rest.IndexOf(',');
            var itemLength = comma < 0 ? rest.Length : comma;
            var start = _position;
            _position += comma < 0 ? rest.Length : comma + 1;

            var item = rest[..itemLength];
            var trimmedStart = item.Length - item.TrimStart(" \t").Length;
            var trimmed = item.Trim(" \t");
            if (!trimmed.IsEmpty)
            {
                name = new StringSegment(_line, start + trimmedStart, trimmed.Length);
                return true;
            }
        }
    }
}
