using CorsKit.Classification;
using CorsKit.Compilation;
using CorsKit.Diagnostics;
using CorsKit.Response;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CorsKit.DynamicOrigins;

/// <summary>
/// The middleware's one asynchronous step for policies with an origin source: when the request's single origin misses
/// the policy's own rules, read the tenant, add what it was read from to <c>Vary</c>, and get the source's answer
/// (usually from the cache, synchronously) before the synchronous evaluation.
/// </summary>
internal sealed class OriginSourceStep(OriginSourceCache? cache, ILogger logger)
{
    private static readonly ValueTask<OriginAnswer> NotAsked = new(OriginAnswer.NotAsked);
    private static readonly ValueTask<OriginAnswer> Refused = new(OriginAnswer.Refused);
    private static readonly ValueTask<OriginAnswer> Allowed = new(OriginAnswer.Allowed);

    private int _missingSourceReported;

    public ValueTask<OriginAnswer> AnswerAsync(HttpContext context, CompiledPolicy policy, in RequestFacts facts)
    {
        if (facts.Kind is not (RequestKind.Preflight or RequestKind.Actual) || facts.Origin.Count != 1)
        {
            return NotAsked;
        }

        // Listed exactly: the list answers, nothing else is read. An origin the source has already allowed is answered
        // from the cache before the patterns are tried (which would parse it): the answer is the same either way.
        var origin = facts.Origin[0]!;
        if (policy.Origins.IsListedExactly(origin))
        {
            return NotAsked;
        }

        var selector = policy.Policy.OriginSourceTenant;
        var tenant = selector?.Read(context);
        if (cache is not null && cache.IsKnownAllowed(policy, origin, tenant))
        {
            AddVary(context, selector);
            return Allowed;
        }

        if (policy.Origins.IsAllowed(origin))
        {
            return NotAsked;
        }

        AddVary(context, selector);
        if (cache is null)
        {
            if (Interlocked.Exchange(ref _missingSourceReported, 1) == 0)
            {
                CorsKitLog.OriginSourceNotRegistered(logger, policy.DisplayName);
            }

            return Refused;
        }

        if (cache.TryAnswer(policy, origin, tenant, out var allowed, out var key))
        {
            return allowed ? Allowed : Refused;
        }

        // This request stops waiting if its client goes away; the shared lookup carries on for the others.
        var lookup = cache.JoinOrStartLookupAsync(key, tenant);
        return lookup.IsCompletedSuccessfully ? (lookup.Result ? Allowed : Refused) : ToAnswerAsync(lookup.WaitAsync(context.RequestAborted));
    }

    // The answer depends on the headers the tenant is read from: a shared cache must key on them too. Added to what the
    // app set, never replacing it.
    private static void AddVary(HttpContext context, CorsKitTenantSelector? selector)
    {
        if (selector is { VaryHeaders.Count: > 0 })
        {
            VaryHeader.Add(context.Response.Headers, selector.VaryHeaderNames, selector.VaryValue);
        }
    }

    private static async ValueTask<OriginAnswer> ToAnswerAsync(Task<bool> lookup) =>
        await lookup.ConfigureAwait(false) ? OriginAnswer.Allowed : OriginAnswer.Refused;
}
