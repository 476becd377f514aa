using System.Text;

namespace CorsKit.Testing.Apps;

/// <summary>The whole-app check's findings: one result per endpoint and method.</summary>
public sealed class CorsAppReport
{
    internal CorsAppReport(IReadOnlyList<CorsEndpointResult> results) => Results = results;

    /// <summary>Every endpoint and method checked.</summary>
    public IReadOnlyList<CorsEndpointResult> Results { get; }

    /// <summary>The results that did not pass.</summary>
    public IReadOnlyList<CorsEndpointResult> Failures => [.. Results.Where(r => r.Outcome != CorsEndpointOutcome.Passed)];

    /// <summary>True when every preflight reached CORS and was allowed by its own policy.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>Throws unless every endpoint passed.</summary>
    /// <returns>This report.</returns>
    /// <exception cref="CorsExpectationException">Lists every failing endpoint with the reason and the fix.</exception>
    public CorsAppReport EnsurePassed()
    {
        if (!Passed)
        {
            throw new CorsExpectationException(ToString());
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Passed ? "CORS check passed" : $"CORS check failed for {Failures.Count} of {Results.Count} preflights")
            .Append(" (").Append(Results.Count).Append(" preflights to ").Append(Results.Select(r => r.Endpoint).Distinct().Count()).Append(" endpoints).\n");
        foreach (var failure in Failures)
        {
            text.Append(" - ").Append(failure).Append('\n');
            if (failure.Verdict is { Allowed: false } verdict)
            {
                text.Append("   Fix: ").Append(verdict.Fix).Append('\n');
            }
        }

        return text.ToString();
    }
}
