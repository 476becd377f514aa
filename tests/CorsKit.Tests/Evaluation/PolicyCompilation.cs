using CorsKit.Compilation;

namespace CorsKit.Tests.Evaluation;

internal static class PolicyCompilation
{
    /// <summary>The runtime form the middleware would use for this policy.</summary>
    public static CompiledPolicy Compile(this CorsKitPolicy policy) => new(policy, "test");
}
