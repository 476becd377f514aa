namespace CorsKit.DynamicOrigins;

/// <summary>
/// The token bucket that bounds lookups: it holds at most <c>burst</c> tokens and refills at <c>rate</c> tokens a
/// second, so over any interval of <c>t</c> seconds at most <c>burst + rate × t</c> lookups start, whatever a client
/// sends. Only cache misses reach it, so a lock is cheap enough.
/// </summary>
internal sealed class LookupBudget
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _refilledAt;

    public LookupBudget(double rate, int burst, TimeProvider time)
    {
        _time = time;
        _rate = rate;
        _burst = burst;
        _tokens = burst;
        _refilledAt = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _rate));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    /// <summary>Gives back a token taken for a lookup that turned out not to be needed (another request started it).</summary>
    public void Return()
    {
        lock (_lock)
        {
            _tokens = Math.Min(_burst, _tokens + 1);
        }
    }
}
