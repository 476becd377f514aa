using System.Text.RegularExpressions;

namespace CorsKit.Tests.Diagnostics.Guide;

/// <summary>
/// A console message exactly as a browser prints it, with the parts that vary written as placeholders:
/// <c>{url}</c>, <c>{origin}</c>, <c>{method}</c>, <c>{header}</c>, <c>{value}</c>, <c>{status}</c>, <c>{reason}</c>.
/// The troubleshooting guide quotes the template verbatim, so a search for any fixed part of a message finds it.
/// </summary>
public sealed partial class ConsoleTemplate
{
    private readonly Regex _pattern;

    public ConsoleTemplate(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        var parts = Placeholder().Split(text);
        var pattern = string.Concat(parts.Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : $"(?<{part}>.+?)"));
        _pattern = new Regex($"^{pattern}$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The template as the guide prints it.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="message"/> is this template with its placeholders filled in.</summary>
    /// <param name="message">A console message as the browser printed it.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string message) => _pattern.IsMatch(message);

    public override string ToString() => Text;

    [GeneratedRegex(@"\{(url|origin|method|header|value|status|reason)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
