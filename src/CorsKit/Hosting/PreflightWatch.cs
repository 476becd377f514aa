using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CorsKit.Hosting;

/// <summary>
/// Watches the first preflights after startup for the failures that happen outside CorsKit's policy (a preflight
/// answered before it reached CorsKit), so each is reported once with its cause and fix. The watch costs one volatile
/// read per request once it ends, and it ends after <see cref="Budget"/> preflights: a misconfigured pipeline shows on
/// the first preflights it gets.
/// </summary>
internal sealed class PreflightWatch
{
    /// <summary>How many preflights are watched.</summary>
    public const int Budget = 64;

    // Set in HttpContext.Items by CorsKit for a watched preflight it saw: only during the watch, only for preflights.
    private static readonly object SeenKey = new();

    private readonly HashSet<int> _reported = [];
    private volatile bool _watching;
    private int _left = Budget;

    /// <summary>The builder <c>UseCorsKit()</c> was called on (the application's own pipeline).</summary>
    public IApplicationBuilder? CorsKitPipeline { get; set; }

    /// <summary>
    /// Whether the application itself called <c>UseAuthorization()</c>, read by the startup filter before WebApplication
    /// adds the middleware it inserts (and marks them as set); <see langword="null"/> when no startup filter ran.
    /// </summary>
    public bool? AppCalledUseAuthorization { get; set; }

    /// <summary>Whether the application itself called <c>UseAuthentication()</c> (see <see cref="AppCalledUseAuthorization"/>).</summary>
    public bool? AppCalledUseAuthentication { get; set; }

    /// <summary>Whether preflights are being watched: only once the sentinel is in the pipeline, and until the budget is
    /// spent. Pipelines built without the host's startup filters never pay for it.</summary>
    public bool IsWatching => _watching;

    /// <summary>The sentinel is in the pipeline: start watching.</summary>
    public void Start() => _watching = Volatile.Read(ref _left) > 0;

    /// <summary>CorsKit saw this preflight.</summary>
    /// <param name="context">The request.</param>
    public static void MarkSeen(HttpContext context) => context.Items[SeenKey] = SeenKey;

    /// <summary>Whether CorsKit saw this preflight.</summary>
    /// <param name="context">The request.</param>
    /// <returns><see langword="true"/> when it did.</returns>
    public static bool WasSeen(HttpContext context) => context.Items.ContainsKey(SeenKey);

    /// <summary>One watched preflight is done.</summary>
    public void Spend()
    {
        if (Interlocked.Decrement(ref _left) <= 0)
        {
            _watching = false;
        }
    }

    /// <summary>Whether an event has not been reported yet (and now counts as reported).</summary>
    /// <param name="eventId">The event id.</param>
    /// <returns><see langword="true"/> the first time.</returns>
    public bool FirstTime(int eventId)
    {
        lock (_reported)
        {
            return _reported.Add(eventId);
        }
    }
}
