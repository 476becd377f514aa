#if !NET
namespace System;

/// <summary>The index type behind <c>^1</c>, which netstandard2.0 lacks; used by the shared origin parser.</summary>
internal readonly struct Index
{
    private readonly int _value;

    public Index(int value, bool fromEnd = false)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The index must not be negative.");
        }

        _value = fromEnd ? ~value : value;
    }

    public static Index Start => new(0);

    public static Index End => new(0, fromEnd: true);

    public int Value => _value < 0 ? ~_value : _value;

    public bool IsFromEnd => _value < 0;

    public static implicit operator Index(int value) => new(value);

    public static Index FromStart(int value) => new(value);

    public static Index FromEnd(int value) => new(value, fromEnd: true);

    public int GetOffset(int length) => IsFromEnd ? length - Value : Value;
}

/// <summary>The range type behind <c>s[a..b]</c>, which netstandard2.0 lacks; used by the shared origin parser.</summary>
internal readonly struct Range
{
    public Range(Index start, Index end)
    {
        Start = start;
        End = end;
    }

    public Index Start { get; }

    public Index End { get; }

    public static Range All => new(Index.Start, Index.End);

    public static Range StartAt(Index start) => new(start, Index.End);

    public static Range EndAt(Index end) => new(Index.Start, end);

    public (int Offset, int Length) GetOffsetAndLength(int length)
    {
        var start = Start.GetOffset(length);
        var end = End.GetOffset(length);
        if ((uint)end > (uint)length || (uint)start > (uint)end)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "The range is outside the sequence.");
        }

        return (start, end - start);
    }
}
#endif
