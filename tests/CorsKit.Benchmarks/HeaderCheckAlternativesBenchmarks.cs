using System.Buffers;
using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;
using CorsKit.Protocol;

namespace CorsKit.Benchmarks;

/// <summary>
/// The two per-name steps of CorsKit's ACRH check (token grammar, allowed-set lookup), as CorsKit does them today and as
/// they could be done, over 50 lower-case names (what browsers send). Diagnostic: <c>--filter '*Alternatives*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HeaderCheckAlternativesBenchmarks
{
    // tchar (RFC 9110 §5.6.2).
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private string[] _names = [];
    private string _list = string.Empty;
    private Compilation.CompiledPolicy _policy = null!;
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ignoreCaseFrozen;
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinalFrozen;
    private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ignoreCaseHashSet;

    [GlobalSetup]
    public void Setup()
    {
        _names = [.. Enumerable.Range(0, 50).Select(BenchPolicy.RequestHeaderName)];
        _ignoreCaseFrozen = _names.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinalFrozen = _names.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _ignoreCaseHashSet = new HashSet<string>(_names, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _list = string.Join(',', _names);
        _policy = new Compilation.CompiledPolicy(new CorsKitPolicyBuilder().WithOrigins(BenchPolicy.AllowedOrigin).WithHeaders(_names).Build(), "bench");
    }

    /// <summary>The whole ACRH check of 50 names as CorsEvaluator does it today (split, token check, lookup).</summary>
    [Benchmark]
    public bool ListCheck_Current()
    {
        var list = new HeaderNameList(_list);
        while (list.TryGetNext(out var name))
        {
            if (!HttpToken.IsToken(name) || !_policy.HeaderLookup.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same check with both proposed changes (SearchValues token check, ordinal lookup first).</summary>
    [Benchmark]
    public bool ListCheck_Proposed()
    {
        var list = new HeaderNameList(_list);
        while (list.TryGetNext(out var name))
        {
            if (name.ContainsAnyExcept(TokenChars) || !(_ordinalFrozen.Contains(name) || _policy.HeaderLookup.Contains(name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Today: <see cref="HttpToken.IsToken"/>, a per-character switch.</summary>
    [Benchmark(Baseline = true)]
    public int Token_Switch()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += HttpToken.IsToken(name) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Proposed: one vectorised <c>ContainsAnyExcept</c> over a <see cref="SearchValues{T}"/> of tchar.</summary>
    [Benchmark]
    public int Token_SearchValues()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TokenChars) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Today: FrozenSet with OrdinalIgnoreCase, looked up by span.</summary>
    [Benchmark]
    public int Lookup_FrozenIgnoreCase()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += _ignoreCaseFrozen.Contains(name.AsSpan()) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Proposed: an Ordinal FrozenSet of the lower-cased names first (browsers send lower case), the
    /// OrdinalIgnoreCase set only when that misses.</summary>
    [Benchmark]
    public int Lookup_FrozenOrdinalFirst()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += _ordinalFrozen.Contains(name.AsSpan()) || _ignoreCaseFrozen.Contains(name.AsSpan()) ? 1 : 0;
        }

        return count;
    }

    /// <summary>For comparison: a plain HashSet with OrdinalIgnoreCase, looked up by span.</summary>
    [Benchmark]
    public int Lookup_HashSetIgnoreCase()
    {
        var count = 0;
        foreach (var name in _names)
        {
            count += _ignoreCaseHashSet.Contains(name.AsSpan()) ? 1 : 0;
        }

        return count;
    }
}
