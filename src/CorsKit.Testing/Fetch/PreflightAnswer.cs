using System.Globalization;

namespace CorsKit.Testing.Fetch;

/// <summary>
/// A parsed preflight answer: the methods and headers it allows and how long the browser may reuse it. Also the
/// entry the preflight cache keeps.
/// </summary>
internal sealed class PreflightAnswer
{
    /// <summary>Without <c>Access-Control-Max-Age</c> (or with an unparsable one) browsers cache for 5 seconds.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(5);

    private readonly HashSet<string> _methods;
    private readonly HashSet<string> _headers;

    private PreflightAnswer(HashSet<string> methods, HashSet<string> headers, bool withCredentials, TimeSpan maxAge)
    {
        _methods = methods;
        _headers = headers;
        WithCredentials = withCredentials;
        MaxAge = maxAge;
    }

    /// <summary>Whether the preflight was made for a request with <c>credentials: "include"</c>: then <c>*</c> is literal.</summary>
    public bool WithCredentials { get; }

    /// <summary>How long the answer may be reused, after the browser's cap.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>True when <c>*</c> covered <c>Authorization</c>, which the standard says it never does.</summary>
    public bool AuthorizationCoveredByWildcard(IReadOnlyList<string> unsafeHeaderNames) =>
        HasHeaderWildcard && unsafeHeaderNames.Contains("authorization", StringComparer.Ordinal) && !_headers.Contains("authorization");

    private bool HasHeaderWildcard => !WithCredentials && _headers.Contains("*");

    /// <summary>Parses the answer's lists; a value that is not a list of tokens fails like it does in Chromium.</summary>
    public static PreflightAnswer? Parse(string? allowMethods, string? allowHeaders, string? maxAge, bool withCredentials,
        TimeSpan cap, out CorsFailure failure)
    {
        failure = CorsFailure.None;
        if (!TryParseList(allowMethods, StringComparer.Ordinal, out var methods))
        {
            failure = CorsFailure.InvalidAllowMethodsPreflightResponse;
            return null;
        }

        if (!TryParseList(allowHeaders?.ToLowerInvariant(), StringComparer.Ordinal, out var headers))
        {
            failure = CorsFailure.InvalidAllowHeadersPreflightResponse;
            return null;
        }

        return new PreflightAnswer(methods, headers, withCredentials, ParseMaxAge(maxAge, cap));
    }

    /// <summary>
    /// The method check. Methods compare case-sensitively (Chromium 156 refuses <c>patch</c> when <c>PATCH</c> is
    /// listed, as the standard says); GET, HEAD and POST always pass; <c>*</c> counts only without credentials.
    /// </summary>
    public bool AllowsMethod(string method) =>
        FetchRules.IsSafelistedMethod(method) || _methods.Contains(method) || (!WithCredentials && _methods.Contains("*"));

    /// <summary>The first unsafe header (in request order) the answer does not allow, or null when all pass.</summary>
    public string? FirstRefusedHeader(IReadOnlyList<string> unsafeHeaderNames)
    {
        if (HasHeaderWildcard)
        {
            // Chromium and Firefox let '*' cover Authorization too; the standard does not (reported as a note).
            return null;
        }

        return unsafeHeaderNames.FirstOrDefault(name => !_headers.Contains(name));
    }

    private static bool TryParseList(string? value, StringComparer comparer, out HashSet<string> items)
    {
        items = new HashSet<string>(comparer);
        if (value is null)
        {
            return true;
        }

        foreach (var raw in value.Split(','))
        {
            var item = raw.Trim(' ', '\t');
            if (item.Length == 0)
            {
                continue;
            }

            if (!FetchRules.IsToken(item))
            {
                items.Clear();
                return false;
            }

            items.Add(item);
        }

        return true;
    }

    private static TimeSpan ParseMaxAge(string? value, TimeSpan cap)
    {
        if (value is null || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return DefaultMaxAge;
        }

        if (seconds <= 0)
        {
            return TimeSpan.Zero;
        }

        return seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
    }
}
