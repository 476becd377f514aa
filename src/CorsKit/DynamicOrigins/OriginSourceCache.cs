using System.Collections.Concurrent;
using CorsKit.Compilation;
using CorsKit.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CorsKit.DynamicOrigins;

/// <summary>
/// Answers "does the origin source allow this origin?" for the middleware, safely: from the in-process cache when it
/// can (no allocation, no await); otherwise through one shared lookup per (policy, tenant, origin) — joined by every
/// concurrent request for it — within the lookup budget, in a service scope of its own, with a timeout that does not
/// depend on any one request. Allowed answers also go through the app's <see cref="HybridCache"/> when there is one;
/// refusals and failures never leave the process.
/// </summary>
internal sealed class OriginSourceCache : ICorsKitOriginCache
{
    private const string SharedAllowed = "1";

    private static readonly HybridCacheEntryOptions SharedReadOptions = new()
    {
        // Read the shared (distributed) layer only: this class is the local layer, and a miss must not run a factory.
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly IServiceScopeFactory _scopes;
    private readonly HybridCache? _shared;
    private readonly HybridCacheEntryOptions _sharedWriteOptions;
    private readonly LocalAnswerCache _local;
    private readonly LookupBudget _budget;
    private readonly ReportGate _failureReports;
    private readonly ReportGate _budgetReports;
    private readonly CorsKitMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CorsKitOriginSourceOptions _options;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<OriginCacheKey, Task<bool>> _running = new();

    // Bumped by every invalidation: a lookup that started before one does not store its answer.
    private long _generation;

    public OriginSourceCache(
        IServiceScopeFactory scopes,
        IOptions<CorsKitOriginSourceOptions> options,
        CorsKitMetrics metrics,
        ILoggerFactory loggerFactory,
        IServiceProvider services)
    {
        _scopes = scopes;
        _options = options.Value;
        _metrics = metrics;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _shared = _options.UseHybridCache ? services.GetService<HybridCache>() : null;
        _stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        _local = new LocalAnswerCache(_options.CacheSize, _options.AllowedLifetime, _options.RefusedLifetime, _time);
        _budget = new LookupBudget(_options.LookupsPerSecond, _options.LookupBurst, _time);
        _failureReports = new ReportGate(_options.FailureLogInterval, _time);
        _budgetReports = new ReportGate(_options.FailureLogInterval, _time);
        _sharedWriteOptions = new HybridCacheEntryOptions
        {
            Expiration = _options.AllowedLifetime,
            Flags = HybridCacheEntryFlags.DisableLocalCache,
        };
    }

    /// <summary>Whether a shared <see cref="HybridCache"/> is in use.</summary>
    public bool UsesSharedCache => _shared is not null;

    /// <summary>The number of answers in the in-process cache.</summary>
    public int LocalCount => _local.Count;

    /// <summary>Whether this instance holds an unexpired "allowed" answer for the origin (counted as a hit).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="origin">The request's origin.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the source allowed the origin and the answer is still fresh.</returns>
    public bool IsKnownAllowed(CompiledPolicy policy, string origin, string? tenant)
    {
        if (tenant is { Length: > CorsKitTenantSelector.MaxTenantLength }
            || !_local.TryGet(new OriginCacheKey(policy.DisplayName, tenant ?? string.Empty, origin), out var allowed)
            || !allowed)
        {
            return false;
        }

        _metrics.OriginCacheHit();
        return true;
    }

    /// <summary>
    /// The source's answer for an origin the policy's own rules missed, when it is known without a lookup: a cached
    /// answer, an origin the source may not grant, an oversized tenant. Allocation-free.
    /// </summary>
    /// <param name="policy">The policy (uses an origin source).</param>
    /// <param name="origin">The request's single <c>Origin</c> value.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/>.</param>
    /// <param name="allowed">The answer, when known.</param>
    /// <param name="key">The cache key, for <see cref="JoinOrStartLookupAsync"/> when the answer is not known.</param>
    /// <returns>Whether the answer is known.</returns>
    public bool TryAnswer(CompiledPolicy policy, string origin, string? tenant, out bool allowed, out OriginCacheKey key)
    {
        key = default;
        allowed = false;
        if (tenant is { Length: > CorsKitTenantSelector.MaxTenantLength })
        {
            return true;
        }

        // Only origins the source may allow are ever looked up, so only they are ever cached: a hit needs no rule check
        // here (the evaluator holds the grant to the listed rules anyway), and the check is paid once, on a miss.
        var candidate = new OriginCacheKey(policy.DisplayName, tenant ?? string.Empty, origin);
        if (_local.TryGet(candidate, out allowed))
        {
            _metrics.OriginCacheHit();
            key = candidate;
            return true;
        }

        if (!policy.MaySourceAllow(origin))
        {
            return true;
        }

        _metrics.OriginCacheMiss();
        key = candidate;
        return false;
    }

    /// <summary>Joins the running lookup for the key, or starts one within the budget (refused beyond it).</summary>
    /// <param name="key">The key <see cref="TryAnswer"/> returned.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/>.</param>
    /// <returns>Whether the source allows the origin; <see langword="false"/> on failure, timeout or no budget.</returns>
    public Task<bool> JoinOrStartLookupAsync(in OriginCacheKey key, string? tenant) => JoinOrStartLookup(key, tenant);

    /// <inheritdoc/>
    public ValueTask InvalidateTenantAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        var key = tenant ?? string.Empty;
        Interlocked.Increment(ref _generation);
        var removed = _local.Remove(cached => string.Equals(cached.Tenant, key, StringComparison.Ordinal));
        return _shared is null ? ValueTask.CompletedTask : RemoveSharedAsync(removed, TenantTag(key), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask InvalidateOriginAsync(string? tenant, string origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var key = tenant ?? string.Empty;
        Interlocked.Increment(ref _generation);
        var removed = _local.Remove(cached => string.Equals(cached.Tenant, key, StringComparison.Ordinal) && string.Equals(cached.Origin, origin, StringComparison.Ordinal));
        return _shared is null ? ValueTask.CompletedTask : RemoveSharedAsync(removed, OriginTag(key, origin), cancellationToken);
    }

    /// <inheritdoc/>
    public void ClearLocal()
    {
        Interlocked.Increment(ref _generation);
        _local.Clear();
    }

    // The entries this instance knows are removed from the shared store by key (which every instance reads after its
    // own local lifetime ends); the tag removes the ones only other instances stored.
    private async ValueTask RemoveSharedAsync(List<OriginCacheKey> known, string tag, CancellationToken cancellationToken)
    {
        foreach (var key in known)
        {
            await _shared!.RemoveAsync(SharedKey(key), cancellationToken).ConfigureAwait(false);
        }

        await _shared!.RemoveByTagAsync(tag, cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> JoinOrStartLookup(OriginCacheKey key, string? tenant)
    {
        if (_running.TryGetValue(key, out var running))
        {
            return running;
        }

        if (!_budget.TryTake())
        {
            _metrics.OriginBudgetRefusal();
            if (_budgetReports.ShouldReport(out var count))
            {
                CorsKitLog.OriginLookupBudgetExhausted(_logger, _options.LookupsPerSecond, _options.LookupBurst, count, LogValue.Quote(key.Origin));
            }

            return Task.FromResult(false);
        }

        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(key, started.Task))
        {
            // Another request started the same lookup between the two calls: join it, and give the token back.
            _budget.Return();
            return _running.TryGetValue(key, out running) ? running : JoinOrStartLookup(key, tenant);
        }

        // The answer may have been stored (and the lookup removed) just before this request registered its own.
        if (_local.TryGet(key, out var allowed))
        {
            _budget.Return();
            _running.TryRemove(key, out _);
            started.SetResult(allowed);
            return started.Task;
        }

        _ = RunLookupAsync(key, tenant, started);
        return started.Task;
    }

    // Runs detached from any request: its own scope, its own timeout, cancelled only by that timeout or app shutdown.
    private async Task RunLookupAsync(OriginCacheKey key, string? tenant, TaskCompletionSource<bool> completion)
    {
        var generation = Interlocked.Read(ref _generation);
        var allowed = false;
        try
        {
            allowed = await LookUpAsync(key, tenant, generation).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var timedOut = exception is TimeoutException or OperationCanceledException;
            _metrics.OriginLookup("failed", "source");
            _metrics.OriginLookupFailure(timedOut ? "timeout" : "error");
            if (_failureReports.ShouldReport(out var count))
            {
                CorsKitLog.OriginLookupFailed(_logger, count, timedOut ? $"timed out after {_options.LookupTimeout.TotalMilliseconds:0} ms" : exception.GetType().Name,
                    LogValue.Quote(key.Origin), LogValue.Quote(tenant), key.Policy, timedOut ? null : exception);
            }
        }
        finally
        {
            _running.TryRemove(key, out _);
            completion.TrySetResult(allowed);
        }
    }

    private async Task<bool> LookUpAsync(OriginCacheKey key, string? tenant, long generation)
    {
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        timeout.CancelAfter(_options.LookupTimeout);
        var sharedKey = _shared is null ? null : SharedKey(key);
        if (_shared is not null && await ReadSharedAsync(sharedKey!, timeout.Token).ConfigureAwait(false))
        {
            _metrics.OriginLookup("allowed", "shared_cache");
            Store(key, allowed: true, generation);
            return true;
        }

        bool allowed;
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var source = scope.ServiceProvider.GetService<ICorsKitOriginSource>()
                ?? throw new InvalidOperationException("No ICorsKitOriginSource is registered; call services.AddCorsKitOriginSource<TSource>().");
            var query = new CorsKitOriginQuery(key.Origin, tenant, key.Policy);

            // WaitAsync also bounds a source that ignores its cancellation token; a slow shared read used part of the time.
            var remaining = _options.LookupTimeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException();
            }

            allowed = await source.IsOriginAllowedAsync(query, timeout.Token).AsTask().WaitAsync(remaining, _time).ConfigureAwait(false);
        }

        _metrics.OriginLookup(allowed ? "allowed" : "refused", "source");
        Store(key, allowed, generation);
        if (allowed && _shared is not null && Interlocked.Read(ref _generation) == generation)
        {
            // Refusals stay local: a flood of random origins must never become writes to the shared store.
            await WriteSharedAsync(sharedKey!, key, timeout.Token).ConfigureAwait(false);
        }

        return allowed;
    }

    // The shared store is an optimisation: when it is down or slow, the source answers (a read gets at most half the
    // lookup timeout) and its answer still counts (a failed write is ignored). HybridCache logs its own store errors.
    private async Task<bool> ReadSharedAsync(string sharedKey, CancellationToken cancellationToken)
    {
        try
        {
            var shared = await _shared!.GetOrCreateAsync<string?>(sharedKey, static _ => ValueTask.FromResult<string?>(null), SharedReadOptions, tags: null, cancellationToken)
                .AsTask().WaitAsync(_options.LookupTimeout / 2, _time, cancellationToken).ConfigureAwait(false);
            return shared == SharedAllowed;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            return false;
        }
    }

    private async Task WriteSharedAsync(string sharedKey, OriginCacheKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _shared!.SetAsync(sharedKey, SharedAllowed, _sharedWriteOptions, [TenantTag(key.Tenant), OriginTag(key.Tenant, key.Origin)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not shared this time; every instance can still ask the source.
        }
    }

    private void Store(in OriginCacheKey key, bool allowed, long generation)
    {
        if (Interlocked.Read(ref _generation) == generation)
        {
            _local.Set(key, allowed);
        }
    }

    // Keys and tags escape their parts, so no tenant or policy name can collide with another's.
    private static string SharedKey(in OriginCacheKey key) =>
        $"corskit:origin:{Uri.EscapeDataString(key.Policy)}:{Uri.EscapeDataString(key.Tenant)}:{Uri.EscapeDataString(key.Origin)}";

    private static string TenantTag(string tenant) => $"corskit:tenant:{Uri.EscapeDataString(tenant)}";

    private static string OriginTag(string tenant, string origin) => $"corskit:tenant-origin:{Uri.EscapeDataString(tenant)}:{Uri.EscapeDataString(origin)}";
}
