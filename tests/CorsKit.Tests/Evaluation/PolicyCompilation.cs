using CorsKit.Classification;
using CorsKit.Compilation;
using CorsKit.Evaluation;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Evaluation;

internal static class PolicyCompilation
{
    /// <summary>The runtime form the middleware would use for this policy.</summary>
    public static CompiledPolicy Compile(this CorsKitPolicy policy) => new(policy, "test");

    /// <summary>The evaluator's decision for a preflight from <paramref name="origin"/> to https://api.example.com.</summary>
    public static CorsDecision Preflight(CompiledPolicy policy, StringValues origin, StringValues method, StringValues headers) =>
        CorsEvaluator.Evaluate(policy, corsDisabled: false, endpointHandlesOptions: false,
            new RequestFacts(origin, "OPTIONS", method, headers, "https", "api.example.com"), default);
}
