namespace CorsKit;

/// <summary>One problem with a CORS policy or a CorsKit configuration section.</summary>
public sealed class CorsKitConfigurationError
{
    internal CorsKitConfigurationError(CorsKitSetting setting, CorsKitProblem problem, int? index, string? value, string message)
    {
        Setting = setting;
        Problem = problem;
        Index = index;
        Value = value;
        Message = message;
    }

    /// <summary>The setting the problem is about.</summary>
    public CorsKitSetting Setting { get; }

    /// <summary>What is wrong.</summary>
    public CorsKitProblem Problem { get; }

    /// <summary>The position of the offending item in its list (for example the third origin), if it is one.</summary>
    public int? Index { get; }

    /// <summary>The offending value as given, if any.</summary>
    public string? Value { get; }

    /// <summary>What is wrong and how to fix it, in words.</summary>
    public string Message { get; }

    /// <summary>The policy the problem belongs to (<c>default</c> for the default policy), when known.</summary>
    public string? PolicyName { get; private init; }

    /// <summary>The configuration path of the offending value (<c>CorsKit:Policies:public:Origins:2</c>) when it was read
    /// from configuration; otherwise <see langword="null"/>.</summary>
    public string? ConfigurationPath { get; private init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var location = ConfigurationPath ?? (Index is { } i ? $"{Setting}[{i}]" : Setting.ToString());
        return Value is null ? $"{location}: {Message}" : $"{location} '{Value}' {Message}";
    }

    internal CorsKitConfigurationError WithPolicy(string? policyName) => new(Setting, Problem, Index, Value, Message)
    {
        PolicyName = policyName,
        ConfigurationPath = ConfigurationPath,
    };

    internal CorsKitConfigurationError AtPath(string path) => new(Setting, Problem, Index, Value, Message)
    {
        PolicyName = PolicyName,
        ConfigurationPath = path,
    };
}
