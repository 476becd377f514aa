using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Origins;

/// <summary>
/// Decides whether a request's <c>Origin</c> is allowed. Exact origins are a hash lookup (constant time however many
/// there are); only origins that miss it are parsed and tried against the wildcard patterns and the predicate.
/// </summary>
internal sealed class OriginMatcher
{
    private readonly FrozenSet<string> _exact;
    private readonly OriginPattern[] _patterns;
    private readonly Func<string, bool>? _predicate;

    public OriginMatcher(bool allowsAnyOrigin, IEnumerable<OriginEntry> entries, Func<string, bool>? predicate)
    {
        AllowsAnyOrigin = allowsAnyOrigin;
        var list = entries.ToList();
        _exact = list.Where(e => e.Pattern is null).Select(e => e.Value).ToFrozenSet(StringComparer.Ordinal);
        _patterns = list.Where(e => e.Pattern is not null).Select(e => e.Pattern!).ToArray();
        _predicate = predicate;
    }

    public bool AllowsAnyOrigin { get; }

    /// <summary>Whether the request's <c>Origin</c> header is allowed: exactly one line, and that origin allowed.
    /// Several lines are never a browser's doing, so they are refused.</summary>
    public bool IsAllowed(StringValues origin) => origin.Count == 1 && IsAllowed(origin[0]!);

    /// <summary>Whether the origin is one of the listed exact origins (a hash lookup, nothing parsed).</summary>
    /// <param name="origin">The request's origin.</param>
    /// <returns><see langword="true"/> when listed exactly.</returns>
    public bool IsListedExactly(string origin) => _exact.Contains(origin);

    public bool IsAllowed(string origin)
    {
        if (_exact.Contains(origin))
        {
            return true;
        }

        if (AllowsAnyOrigin)
        {
            // "Any" means any origin a user agent can send, "null" and extension or app-shell schemes included; only a
            // value no user agent sends (white space, control bytes, a list, a path) gets no grant.
            return origin == OriginEntryParser.NullOrigin || RequestOrigin.IsAnySerialisedOrigin(origin);
        }

        if (_patterns.Length == 0 && _predicate is null)
        {
            return false;
        }

        // Patterns are tried on the origin's text cut as the parser cuts it; only a pattern that may match costs the
        // full parse (once), so a refused origin usually costs a few comparisons. "null" and malformed values never get
        // past the parse: they only ever match an explicit entry in the exact set.
        if (!RequestOrigin.TryCut(origin, out var scheme, out var host, out _))
        {
            return false;
        }

        var parsed = default(RequestOrigin);
        var isParsed = false;
        foreach (var pattern in _patterns)
        {
            if (!pattern.MayMatch(scheme, host))
            {
                continue;
            }

            if (!isParsed)
            {
                if (!RequestOrigin.TryParse(origin, out parsed))
                {
                    return false;
                }

                isParsed = true;
            }

            if (pattern.Matches(parsed))
            {
                return true;
            }
        }

        // The predicate, too, only ever sees well-formed origins.
        return _predicate is not null && (isParsed || RequestOrigin.TryParse(origin, out _)) && _predicate(origin);
    }
}
