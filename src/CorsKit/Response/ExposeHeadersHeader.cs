using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Response;

/// <summary>
/// Writes <c>Access-Control-Expose-Headers</c> so that names the application exposed itself are kept: the policy's names
/// are added to the application's list, each name once (header names are case-insensitive). Allocation-free when the
/// application set no value of its own.
/// </summary>
internal static class ExposeHeadersHeader
{
    /// <summary>Adds the policy's exposed names to the response.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="policyValue">The policy's precomputed value (comma-separated names, or <c>*</c>).</param>
    public static void Add(IHeaderDictionary headers, StringValues policyValue)
    {
        var existing = headers.AccessControlExposeHeaders;
        if (existing.Count == 0)
        {
            headers.AccessControlExposeHeaders = policyValue;
            return;
        }

        var merged = Merge(existing, policyValue);
        if (merged is not null)
        {
            headers.AccessControlExposeHeaders = merged;
        }
    }

    /// <summary>The application's list with the policy's missing names appended, as one line; <see langword="null"/>
    /// when the application's list already names them all.</summary>
    /// <param name="existing">The application's lines.</param>
    /// <param name="policyValue">The policy's lines.</param>
    /// <returns>The merged value, or <see langword="null"/> when nothing is missing.</returns>
    public static string? Merge(StringValues existing, StringValues policyValue)
    {
        List<string>? names = null;
        foreach (var name in Items(policyValue))
        {
            if (Names(existing, name) || (names is not null && names.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            names ??= [.. Items(existing)];
            names.Add(name);
        }

        return names is null ? null : string.Join(", ", names);
    }

    private static bool Names(StringValues values, string name)
    {
        // Exact names only: "*" is a wildcard for the browser only without credentials, so it never stands for a name here.
        foreach (var item in Items(values))
        {
            if (item.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The non-empty, trimmed items of a comma-separated list spread over any number of lines. Only the merge path (the
    // application set a value of its own) gets here.
    private static IEnumerable<string> Items(StringValues values)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return item;
            }
        }
    }
}
