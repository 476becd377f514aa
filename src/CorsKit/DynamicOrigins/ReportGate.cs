namespace CorsKit.DynamicOrigins;

/// <summary>Lets one log entry through per interval and counts the occurrences in between, so a flood of failures
/// costs one log line a minute, not one per request.</summary>
internal sealed class ReportGate(TimeSpan interval, TimeProvider time)
{
    private long _pending;
    private long _nextReportAt = long.MinValue;

    /// <summary>Records an occurrence; returns whether to log now, and how many occurrences the entry covers.</summary>
    public bool ShouldReport(out long count)
    {
        var pending = Interlocked.Increment(ref _pending);
        var now = time.GetTimestamp();
        var next = Volatile.Read(ref _nextReportAt);
        var intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        if (now >= next && Interlocked.CompareExchange(ref _nextReportAt, now + intervalTicks, next) == next)
        {
            count = Interlocked.Exchange(ref _pending, 0);
            return true;
        }

        count = pending;
        return false;
    }
}
