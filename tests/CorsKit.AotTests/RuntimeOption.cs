using System.Text.Json;

namespace CorsKit.AotTests;

/// <summary>A <c>RuntimeHostConfigurationOption</c> item of an evaluated project: a run-time setting, and whether the
/// trimmer and the AOT compiler get it too (<c>Trim="true"</c>, which lets them remove the code it turns off). The
/// properties are named after the item metadata.</summary>
public sealed record RuntimeOption(string Name, string Value, bool Trim)
{
    /// <summary>Reads the JSON that <c>dotnet msbuild -getItem:RuntimeHostConfigurationOption</c> prints (after any restore
    /// output).</summary>
    public static IReadOnlyList<RuntimeOption> Parse(string output)
    {
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("RuntimeHostConfigurationOption")
            .EnumerateArray()
            .Select(item => new RuntimeOption(
                item.GetProperty("Identity").GetString()!,
                item.TryGetProperty(nameof(Value), out var value) ? value.GetString() ?? "" : "",
                item.TryGetProperty(nameof(Trim), out var trim) && string.Equals(trim.GetString(), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}
