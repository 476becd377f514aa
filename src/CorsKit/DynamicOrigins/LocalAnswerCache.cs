using System.Collections.Concurrent;

namespace CorsKit.DynamicOrigins;

/// <summary>
/// The in-process cache of origin-source answers: bounded, with separate lifetimes for allowed and refused answers. A
/// hit is one dictionary lookup of a struct key and a timestamp comparison: no allocation. When full, a single trim
/// drops expired answers, then refusals, then allowed answers until a tenth of the room is free.
/// </summary>
internal sealed class LocalAnswerCache
{
    private readonly ConcurrentDictionary<OriginCacheKey, CachedAnswer> _answers = new();
    private readonly Lock _trimLock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly long _allowedTicks;
    private readonly long _refusedTicks;
    private int _count;

    public LocalAnswerCache(int capacity, TimeSpan allowedLifetime, TimeSpan refusedLifetime, TimeProvider time)
    {
        _time = time;
        _capacity = capacity;
        _allowedTicks = (long)(allowedLifetime.TotalSeconds * time.TimestampFrequency);
        _refusedTicks = (long)(refusedLifetime.TotalSeconds * time.TimestampFrequency);
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(in OriginCacheKey key, out bool allowed)
    {
        if (_answers.TryGetValue(key, out var answer) && answer.ExpiresAt > _time.GetTimestamp())
        {
            allowed = answer.Allowed;
            return true;
        }

        allowed = false;
        return false;
    }

    public void Set(in OriginCacheKey key, bool allowed)
    {
        var answer = new CachedAnswer(allowed, _time.GetTimestamp() + (allowed ? _allowedTicks : _refusedTicks));
        if (_answers.TryAdd(key, answer))
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                Trim();
            }
        }
        else
        {
            _answers[key] = answer;
        }
    }

    /// <summary>Removes the answers whose key matches; returns their keys.</summary>
    public List<OriginCacheKey> Remove(Func<OriginCacheKey, bool> match)
    {
        var removed = new List<OriginCacheKey>();
        foreach (var entry in _answers)
        {
            if (match(entry.Key) && _answers.TryRemove(entry.Key, out _))
            {
                Interlocked.Decrement(ref _count);
                removed.Add(entry.Key);
            }
        }

        return removed;
    }

    public void Clear() => Remove(static _ => true);

    private void Trim()
    {
        if (!_trimLock.TryEnter())
        {
            return;
        }

        try
        {
            var target = _capacity - Math.Max(1, _capacity / 10);
            var now = _time.GetTimestamp();
            RemoveWhile(answer => answer.ExpiresAt <= now, target);
            RemoveWhile(static answer => !answer.Allowed, target);
            RemoveWhile(static _ => true, target);
        }
        finally
        {
            _trimLock.Exit();
        }
    }

    private void RemoveWhile(Func<CachedAnswer, bool> match, int target)
    {
        foreach (var entry in _answers)
        {
            if (Volatile.Read(ref _count) <= target)
            {
                return;
            }

            if (match(entry.Value) && _answers.TryRemove(entry.Key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private readonly record struct CachedAnswer(bool Allowed, long ExpiresAt);
}
