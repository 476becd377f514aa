using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// A reusable <see cref="IHttpResponseFeature"/> that, unlike <see cref="HttpResponseFeature"/>, keeps the
/// <see cref="OnStarting"/> callbacks and runs them when <see cref="Start"/> is called, as Kestrel does when a response
/// starts. Both CORS middlewares write the headers of actual responses in such a callback: without this, a benchmark
/// would skip their real work. Callbacks are kept in lists that keep their capacity, so a warmed-up feature does not
/// allocate.
/// </summary>
public sealed class RecordingResponseFeature : IHttpResponseFeature
{
    private readonly List<KeyValuePair<Func<object, Task>, object>> _onStarting = new(capacity: 4);
    private readonly List<KeyValuePair<Func<object, Task>, object>> _onCompleted = new(capacity: 4);

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.")]
    public Stream Body { get; set; } = Stream.Null;

    public bool HasStarted { get; private set; }

    /// <summary>How many <see cref="OnStarting"/> callbacks ran at the last <see cref="Start"/>.</summary>
    public int OnStartingCallbacksRun { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }

        _onStarting.Add(new(callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add(new(callback, state));

    /// <summary>Starts the response: runs the OnStarting callbacks, last registered first (as Kestrel does).</summary>
    public void Start()
    {
        OnStartingCallbacksRun = _onStarting.Count;
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            Wait(_onStarting[i].Key(_onStarting[i].Value));
        }

        _onStarting.Clear();
        HasStarted = true;
    }

    /// <summary>Completes the response: runs the OnCompleted callbacks.</summary>
    public void Complete()
    {
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            Wait(_onCompleted[i].Key(_onCompleted[i].Value));
        }

        _onCompleted.Clear();
    }

    /// <summary>Makes the feature ready for the next request.</summary>
    public void Reset()
    {
        StatusCode = StatusCodes.Status200OK;
        ReasonPhrase = null;
        Headers.Clear();
        HasStarted = false;
        _onStarting.Clear();
        _onCompleted.Clear();
    }

    private static void Wait(Task task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
        }
    }
}
