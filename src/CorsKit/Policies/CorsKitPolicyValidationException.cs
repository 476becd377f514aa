namespace CorsKit;

/// <summary>
/// Thrown when a policy's configuration is invalid. It lists every problem at once, each naming the bad value and
/// the fix, so one failed start is enough to correct the whole policy.
/// </summary>
public sealed class CorsKitPolicyValidationException : InvalidOperationException
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="policyName">The name of the policy, if it has one.</param>
    /// <param name="errors">The problems found; at least one.</param>
    public CorsKitPolicyValidationException(string? policyName, IReadOnlyList<CorsKitPolicyError> errors)
        : base(FormatMessage(policyName, errors))
    {
        PolicyName = policyName;
        Errors = errors;
    }

    /// <summary>Creates the exception without details (for serialisers and tooling).</summary>
    public CorsKitPolicyValidationException()
        : this("The CORS policy is invalid.")
    {
    }

    /// <summary>Creates the exception with a message only (for serialisers and tooling).</summary>
    public CorsKitPolicyValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public CorsKitPolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The name of the policy that failed to build, if it has one.</summary>
    public string? PolicyName { get; }

    /// <summary>Every problem found in the policy.</summary>
    public IReadOnlyList<CorsKitPolicyError> Errors { get; }

    private static string FormatMessage(string? policyName, IReadOnlyList<CorsKitPolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var subject = policyName is null ? "The CORS policy" : $"The CORS policy '{policyName}'";
        var noun = errors.Count == 1 ? "problem" : "problems";
        return $"{subject} is invalid ({errors.Count} {noun}):" + string.Concat(errors.Select(e => Environment.NewLine + " - " + e));
    }
}
