using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CorsKit.Testing.Apps;

/// <summary>
/// A concrete path for a route template: a value the test gives by parameter name, else the parameter's default, else
/// a sample that satisfies its constraint (<c>int</c> gives 1, <c>guid</c> a fixed GUID, <c>bool</c> true, ...). A
/// <c>regex</c> constraint has no sample: the test must give the value.
/// </summary>
internal static class SampleRoute
{
    public static string? Build(RoutePattern pattern, IReadOnlyDictionary<string, string> given, out string? missingParameter)
    {
        missingParameter = null;
        var path = new System.Text.StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var value = ValueFor(parameter, pattern, given);
                        if (value is null)
                        {
                            missingParameter = parameter.Name;
                            return null;
                        }

                        path.Append(parameter.IsCatchAll ? value : Uri.EscapeDataString(value));
                        break;
                }
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string? ValueFor(RoutePatternParameterPart parameter, RoutePattern pattern, IReadOnlyDictionary<string, string> given)
    {
        if (given.TryGetValue(parameter.Name, out var value))
        {
            return value;
        }

        if (parameter.Default is { } defaultValue)
        {
            return Convert.ToString(defaultValue, CultureInfo.InvariantCulture);
        }

        var constraints = pattern.ParameterPolicies.TryGetValue(parameter.Name, out var policies)
            ? policies.Select(p => p.Content ?? string.Empty).ToList()
            : [.. parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty)];
        var sample = "sample";
        foreach (var constraint in constraints)
        {
            var name = constraint.Split('(', 2)[0].ToLowerInvariant();
            var argument = constraint.Contains('(', StringComparison.Ordinal) ? constraint[(constraint.IndexOf('(', StringComparison.Ordinal) + 1)..].TrimEnd(')') : string.Empty;
            switch (name)
            {
                case "int" or "long" or "decimal" or "double" or "float" or "nonfile":
                    sample = name == "nonfile" ? sample : "1";
                    break;
                case "min" or "range":
                    sample = argument.Split(',')[0].Trim();
                    break;
                case "guid":
                    sample = "00000000-0000-0000-0000-000000000001";
                    break;
                case "bool":
                    sample = "true";
                    break;
                case "datetime":
                    sample = "2026-01-01";
                    break;
                case "alpha":
                    sample = "sample";
                    break;
                case "minlength" or "length":
                    sample = new string('a', int.TryParse(argument.Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? Math.Max(length, 1) : 1);
                    break;
                case "file":
                    sample = "sample.txt";
                    break;
                case "regex":
                    return null;
            }
        }

        return sample;
    }
}
