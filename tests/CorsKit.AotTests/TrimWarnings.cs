using System.Text.RegularExpressions;

namespace CorsKit.AotTests;

/// <summary>Finds the trimming and AOT analysis warnings (<c>ILxxxx</c>) in build output and tells which come from
/// CorsKit.</summary>
internal static partial class TrimWarnings
{
    /// <summary>Every distinct ILxxxx warning line (MSBuild repeats warnings in its summary).</summary>
    public static IReadOnlyList<string> All(string buildOutput) =>
        buildOutput.Split('\n')
            .Select(line => line.Trim())
            .Where(line => WarningCode().IsMatch(line))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The warnings that name CorsKit: its assembly (IL2104/IL3053 "Assembly 'CorsKit' produced ..."), its
    /// types or its source files. The consumer app's own name (CorsKit.AotConsumer) and the project path MSBuild appends
    /// in brackets do not count.</summary>
    public static IReadOnlyList<string> FromCorsKit(string buildOutput) =>
        All(buildOutput).Where(line => CorsKitMention().IsMatch(ProjectSuffix().Replace(line, ""))).ToList();

    [GeneratedRegex(@"\bwarning\s+IL\d{4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex WarningCode();

    [GeneratedRegex(@"\bCorsKit\b(?!\.AotConsumer)")]
    private static partial Regex CorsKitMention();

    [GeneratedRegex(@"\s*\[[^\]]*\]\s*$")]
    private static partial Regex ProjectSuffix();
}
