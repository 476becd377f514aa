using CorsKit.Compilation;
using CorsKit.Protocol;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Evaluation;

/// <summary>
/// The heart of CorsKit: decides a CORS-preflight request from plain values (no HTTP types), following the CORS check
/// and the CORS-preflight fetch of the WHATWG Fetch standard. Pure and allocation-free on every path a browser takes.
/// </summary>
internal static class PreflightEvaluator
{
    public static PreflightDecision Evaluate(CompiledPolicy policy, StringValues origin, StringValues requestMethod, StringValues requestHeaders)
    {
        if (!policy.Origins.IsAllowed(origin))
        {
            return PreflightDecision.RefusedOrigin;
        }

        var methodAllowed = TryGetAllowedMethods(policy, requestMethod, out var allowMethods);
        var headersAllowed = TryGetAllowedHeaders(policy, requestHeaders, out var allowHeaders);
        var refusal = !methodAllowed ? CorsRefusal.Method : !headersAllowed ? CorsRefusal.Headers : CorsRefusal.None;
        return new PreflightDecision(refusal, allowMethods, allowHeaders);
    }

    /// <summary>The first requested header the policy refuses, for diagnostics only (allocates).</summary>
    public static string? FindRefusedHeader(CompiledPolicy policy, StringValues requestHeaders)
    {
        if (IsOversized(requestHeaders))
        {
            return "(list too long)";
        }

        var names = new HeaderNameList(requestHeaders);
        var count = 0;
        while (names.TryGetNext(out var name))
        {
            if (++count > CorsLimits.MaxRequestHeaderNames)
            {
                return "(too many names)";
            }

            if (!IsHeaderAllowed(policy, name))
            {
                return name.ToString();
            }
        }

        return null;
    }

    private static bool TryGetAllowedMethods(CompiledPolicy policy, StringValues requestMethod, out StringValues allowMethods)
    {
        allowMethods = policy.AllowMethodsValue;
        var method = requestMethod.Count == 1 ? requestMethod[0] : null;
        if (method is null || method.Length > CorsLimits.MaxMethodLength || !HttpToken.IsToken(method))
        {
            // A malformed or oversized method is refused: never answer it with "*", which the browser would take as a grant.
            if (policy.AllowsAnyMethod)
            {
                allowMethods = StringValues.Empty;
            }

            return false;
        }

        if (policy.AllowsAnyMethod)
        {
            // With credentials the browser reads "*" as a method name, so echo the (validated) requested method.
            if (allowMethods.Count == 0)
            {
                allowMethods = requestMethod;
            }

            return true;
        }

        // Safelisted methods never need listing: a preflight asking for one (because of a header) is never refused for it.
        return FetchMethods.IsSafelisted(method) || policy.MethodSet.Contains(method);
    }

    private static bool TryGetAllowedHeaders(CompiledPolicy policy, StringValues requestHeaders, out StringValues allowHeaders)
    {
        allowHeaders = policy.AllowHeadersValue;
        if (requestHeaders.Count == 1 && string.Equals(requestHeaders[0], policy.LastAllowedRequestHeaders, StringComparison.Ordinal))
        {
            // The same list as the last allowed preflight: same answer, without parsing it again.
            if (policy.AllowsAnyHeader)
            {
                allowHeaders = requestHeaders;
            }

            return true;
        }

        if (IsOversized(requestHeaders))
        {
            return false;
        }

        var names = new HeaderNameList(requestHeaders);
        var count = 0;
        while (names.TryGetNext(out var name))
        {
            if (++count > CorsLimits.MaxRequestHeaderNames || !IsHeaderAllowed(policy, name))
            {
                return false;
            }
        }

        if (count == 0)
        {
            // Nothing requested: nothing to allow.
            allowHeaders = StringValues.Empty;
            return true;
        }

        if (requestHeaders.Count == 1)
        {
            policy.LastAllowedRequestHeaders = requestHeaders[0];
        }

        if (policy.AllowsAnyHeader)
        {
            // Echo the validated list rather than "*": "*" never covers Authorization and means nothing with credentials.
            // Every item was checked to be a token, so the value holds only tokens, commas and white space.
            allowHeaders = requestHeaders.Count == 1 ? requestHeaders : new StringValues(string.Join(", ", requestHeaders.ToArray()));
        }

        return true;
    }

    private static bool IsHeaderAllowed(CompiledPolicy policy, ReadOnlySpan<char> name) =>
        HttpToken.IsToken(name)
        && (policy.AllowsAnyHeader || policy.LowerCaseHeaderLookup.Contains(name) || policy.HeaderLookup.Contains(name));

    private static bool IsOversized(StringValues requestHeaders)
    {
        var length = 0;
        foreach (var line in requestHeaders)
        {
            length += line?.Length ?? 0;
        }

        return length > CorsLimits.MaxRequestHeadersLength;
    }
}
