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
    private int _currentStart;
    private int _currentLength;

    public HeaderNameList(StringValues lines)
    {
        _lines = lines;
        _lineIndex = 0;
        _line = lines.Count > 0 ? lines[0] : null;
        _position = 0;
        _currentStart = 0;
        _currentLength = 0;
    }

    /// <summary>Moves to the next non-empty item; <paramref name="name"/> is that item with white space trimmed.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="false"/> when the list is exhausted.</returns>
    public bool TryGetNext(out ReadOnlySpan<char> name)
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
            var item = comma < 0 ? rest : rest[..comma];
            var start = _position;
            _position += comma < 0 ? rest.Length : comma + 1;

            var leading = item.Length - item.TrimStart(" \t").Length;
            name = item[leading..].TrimEnd(" \t");
            if (!name.IsEmpty)
            {
                _currentStart = start + leading;
                _currentLength = name.Length;
                return true;
            }
        }
    }

    /// <summary>
    /// The item <see cref="TryGetNext"/> last returned, as a segment of the header line it came from: for reporting a
    /// refused name without allocating, built only when one is refused.
    /// </summary>
    public readonly StringSegment Current => new(_line!, _currentStart, _currentLength);
}
