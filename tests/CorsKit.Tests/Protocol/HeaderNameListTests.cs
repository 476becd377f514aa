using CorsKit.Protocol;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Protocol;

public sealed class HeaderNameListTests
{
    private static List<string> Parse(params string[] lines)
    {
        var result = new List<string>();
        var list = new HeaderNameList(new StringValues(lines));
        while (list.TryGetNext(out var name))
        {
            result.Add(name.ToString());
        }

        return result;
    }

    [Theory]
    [InlineData("content-type,x-request-id")]
    [InlineData("content-type, x-request-id")]
    [InlineData("  content-type\t,\tx-request-id  ")]
    [InlineData(",content-type,,, x-request-id,")]
    public void Items_are_split_on_commas_trimmed_and_empty_ones_skipped(string value) =>
        Parse(value).Should().Equal("content-type", "x-request-id");

    [Fact]
    public void A_list_split_over_several_header_lines_is_one_list() =>
        Parse("content-type", "x-request-id, X-Trace").Should().Equal("content-type", "x-request-id", "X-Trace");

    [Theory]
    [InlineData("")]
    [InlineData(" , ,\t")]
    public void Blank_lists_have_no_items(string value) => Parse(value).Should().BeEmpty();

    [Fact]
    public void Segments_point_into_the_line_each_name_came_from()
    {
        var lines = new StringValues(["  x-a\t, x-b,", ", x-a ,x-c"]);
        var list = new HeaderNameList(lines);
        var segments = new List<StringSegment>();
        while (list.TryGetNext(out var name))
        {
            list.Current.AsSpan().SequenceEqual(name).Should().BeTrue();
            segments.Add(list.Current);
        }

        segments.Select(s => (s.Buffer, s.Offset, s.Value)).Should().Equal(
            (lines[0], 2, "x-a"), (lines[0], 8, "x-b"), (lines[1], 2, "x-a"), (lines[1], 7, "x-c"));
    }
}
