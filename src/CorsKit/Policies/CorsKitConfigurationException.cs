using System.Diagnostics.CodeAnalysis;

namespace CorsKit;

/// <summary>
/// A CORS policy or a CorsKit configuration section is invalid. Thrown by <see cref="CorsKitPolicyBuilder.Build()"/>, by
/// <see cref="CorsKitOptions"/> when a policy is added, and when the host starts with an invalid configuration
/// section. <see cref="Errors"/> lists every problem at once, each typed (<see cref="CorsKitSetting"/>,
/// <see cref="CorsKitProblem"/>) and, for configuration, with its path.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors",
    Justification = "Only CorsKit raises it, always with its list of problems; applications catch it, they never construct it.")]
public sealed class CorsKitConfigurationException : InvalidOperationException
{
    internal CorsKitConfigurationException(IReadOnlyList<CorsKitConfigurationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CorsKitConfigurationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<CorsKitConfigurationError> errors)
    {
        var noun = errors.Count == 1 ? "problem" : "problems";
        var policies = errors.Select(e => e.PolicyName).Distinct().ToList();
        var fromConfiguration = errors.Any(e => e.ConfigurationPath is not null);
        var subject = fromConfiguration ? "The CorsKit configuration"
            : policies is [{ } policy] ? $"The CORS policy '{policy}'"
            : "The CORS policy";
        return $"{subject} is invalid ({errors.Count} {noun}):" + string.Concat(errors.Select(e => Environment.NewLine + " - " + e));
    }
}
