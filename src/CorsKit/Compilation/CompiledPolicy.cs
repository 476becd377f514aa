using System.Collections.Frozen;
using System.Globalization;
using CorsKit.Origins;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Compilation;

/// <summary>
/// The runtime form of a <see cref="CorsKitPolicy"/>: lookup tables and the exact header values CorsKit writes, computed
/// once when the policy is compiled so that deciding and answering a request allocates nothing. The public policy stays
/// what the user configured; everything derived from it, and the one cache, lives here.
/// </summary>
internal sealed class CompiledPolicy
{
    private string? _lastAllowedRequestHeaders;
    private string? _lastAdmittedSourceOrigin;

    public CompiledPolicy(CorsKitPolicy policy, string displayName)
    {
        Policy = policy;
        DisplayName = displayName;
        Origins = policy.OriginMatcher;
        PreflightSuccessStatusCode = policy.PreflightSuccessStatusCode;
        AllowsAnyHeader = policy.AllowsAnyHeader;
        AllowsAnyMethod = policy.AllowsAnyMethod;
        SupportsCredentials = policy.SupportsCredentials;
        MethodSet = policy.Methods.ToFrozenSet(StringComparer.Ordinal);
        HeaderLookup = policy.Headers.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        LowerCaseHeaderLookup = policy.Headers.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        RespondsWithAnyOrigin = policy.AllowsAnyOrigin && !policy.SupportsCredentials;
        AllowOriginValue = RespondsWithAnyOrigin ? "*" : StringValues.Empty;
        AllowMethodsValue = policy.AllowsAnyMethod ? (policy.SupportsCredentials ? StringValues.Empty : "*") : Join(policy.Methods);
        AllowHeadersValue = Join(policy.Headers);
        ExposeHeadersValue = policy.ExposesAllHeaders ? "*" : Join(policy.ExposedHeaders);
        MaxAgeValue = policy.PreflightMaxAge is { } maxAge
            ? ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : StringValues.Empty;
    }

    /// <summary>The policy as the user configured it.</summary>
    public CorsKitPolicy Policy { get; }

    /// <summary>How messages name the policy ("default", the registered name, "(endpoint policy)", ...).</summary>
    public string DisplayName { get; }

    public OriginMatcher Origins { get; }

    public bool SupportsCredentials { get; }

    public bool AllowsAnyMethod { get; }

    public bool AllowsAnyHeader { get; }

    public int PreflightSuccessStatusCode { get; }

    public FrozenSet<string> MethodSet { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HeaderLookup { get; }

    /// <summary>The same names compared ordinally: browsers send them lower-case, as they are stored, and an ordinal
    /// lookup is several times cheaper than a case-insensitive one.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LowerCaseHeaderLookup { get; }

    /// <summary>Any origin without credentials: the answer is a constant <c>*</c> and never varies on <c>Origin</c>.</summary>
    public bool RespondsWithAnyOrigin { get; }

    public StringValues AllowOriginValue { get; }

    /// <summary>The configured methods, <c>*</c>, or empty when the request method must be echoed.</summary>
    public StringValues AllowMethodsValue { get; }

    public StringValues AllowHeadersValue { get; }

    public StringValues ExposeHeadersValue { get; }

    public StringValues MaxAgeValue { get; }

    /// <summary>
    /// The last single-line <c>Access-Control-Request-Headers</c> value found allowed. A browser sends the same list for
    /// every preflight of the same call, so an equal value skips parsing. It only ever holds a value that passed every
    /// check against this immutable policy, so a stale or racing read is still a correct answer: the memo changes how
    /// fast the evaluator answers, never what it answers.
    /// </summary>
    public string? LastAllowedRequestHeaders
    {
        get => Volatile.Read(ref _lastAllowedRequestHeaders);
        set => Volatile.Write(ref _lastAllowedRequestHeaders, value);
    }

    /// <summary>Whether the policy asks an origin source about origins its own rules miss.</summary>
    public bool UsesOriginSource => Policy.UsesOriginSource;

    /// <summary>Whether an origin source may grant <paramref name="origin"/> under this policy: the same rules as a listed
    /// origin (see <see cref="SourceOriginRule"/>).</summary>
    /// <param name="origin">The request's <c>Origin</c>.</param>
    /// <returns><see langword="true"/> when the source may be asked, and its grant honoured.</returns>
    public bool MaySourceAllow(string origin)
    {
        if (!Policy.UsesOriginSource)
        {
            return false;
        }

        // A browser sends the same Origin for every request of a page, so the last origin found admissible is remembered,
        // as the last allowed request-header list is: it only ever holds a value that passed the rule against this
        // immutable policy, so a stale or racing read is still a correct answer. It changes how fast, never what.
        if (string.Equals(origin, Volatile.Read(ref _lastAdmittedSourceOrigin), StringComparison.Ordinal))
        {
            return true;
        }

        if (!SourceOriginRule.Admits(origin, Policy.SupportsCredentials, Policy.AllowsInsecureOriginsWithCredentials))
        {
            return false;
        }

        Volatile.Write(ref _lastAdmittedSourceOrigin, origin);
        return true;
    }

    private static StringValues Join(IReadOnlyList<string> values) =>
        values.Count == 0 ? StringValues.Empty : new StringValues(string.Join(", ", values));
}
