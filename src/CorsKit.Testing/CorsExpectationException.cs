namespace CorsKit.Testing;

/// <summary>
/// A CORS expectation failed: the message is the browser's console text, then the most likely cause and its fix,
/// then the exchanges. Test-framework neutral: every runner reports an unexpected exception as a failure.
/// </summary>
public sealed class CorsExpectationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorsExpectationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public CorsExpectationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CorsExpectationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a verdict.</summary>
    /// <param name="message">The message.</param>
    /// <param name="verdict">The verdict that did not meet the expectation.</param>
    public CorsExpectationException(string message, CorsVerdict verdict)
        : base(message)
    {
        Verdict = verdict;
    }

    /// <summary>The verdict that did not meet the expectation, when there is one.</summary>
    public CorsVerdict? Verdict { get; }
}
