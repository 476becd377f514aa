namespace CorsKit;

/// <summary>One problem found while building a <see cref="CorsKitPolicy"/>.</summary>
public sealed class CorsKitPolicyError
{
    /// <summary>Creates an error.</summary>
    /// <param name="setting">The policy setting at fault, e.g. <c>Origins</c> or <c>Credentials</c>.</param>
    /// <param name="index">The position of the bad value in that setting's list, when it is a list.</param>
    /// <param name="value">The bad value, when there is one.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public CorsKitPolicyError(string setting, int? index, string? value, string message)
    {
        Setting = setting;
        Index = index;
        Value = value;
        Message = message;
    }

    /// <summary>The policy setting at fault: <c>Origins</c>, <c>Methods</c>, <c>Headers</c>, <c>ExposedHeaders</c>,
    /// <c>Credentials</c>, <c>PreflightMaxAge</c> or <c>PreflightSuccessStatusCode</c>.</summary>
    public string Setting { get; }

    /// <summary>The zero-based position of the bad value in the setting's list, if the setting is a list.</summary>
    public int? Index { get; }

    /// <summary>The offending value as configured, if there is one.</summary>
    public string? Value { get; }

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var location = Index is { } i ? $"{Setting}[{i}]" : Setting;
        return Value is null ? $"{location}: {Message}" : $"{location} '{Value}' {Message}";
    }
}
