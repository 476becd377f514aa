namespace CorsKit;

/// <summary>
/// Thrown when CorsKit's configuration section (e.g. <c>appsettings.json</c>) is invalid. Every problem is listed
/// with its configuration path, e.g. <c>CorsKit:Policies:public:Origins:2 'https://a.com/' has a trailing slash</c>.
/// </summary>
public sealed class CorsKitConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="errors">The problems; <see cref="CorsKitPolicyError.Setting"/> holds the configuration path.</param>
    public CorsKitConfigurationException(IReadOnlyList<CorsKitPolicyError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception without details (for serialisers and tooling).</summary>
    public CorsKitConfigurationException()
        : this("The CorsKit configuration is invalid.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public CorsKitConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CorsKitConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, each naming its configuration path.</summary>
    public IReadOnlyList<CorsKitPolicyError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<CorsKitPolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "problem" : "problems";
        return $"The CorsKit configuration is invalid ({errors.Count} {noun}):" + string.Concat(errors.Select(e => Environment.NewLine + " - " + e));
    }
}
