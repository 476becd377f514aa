using CorsKit.Classification;
using CorsKit.Evaluation;

namespace CorsKit.Tests.Evaluation;

/// <summary>
/// The evaluator's input for origins looked up before evaluation (a database of tenant origins): consulted only when
/// the policy's own origins miss, so a listed origin never depends on it, and an unanswered or refused lookup refuses.
/// </summary>
public sealed class OriginAnswerTests
{
    private const string Listed = "https://app.example.com";
    private const string Tenant = "https://tenant.example.org";

    private static readonly Compilation.CompiledPolicy Policy = new CorsKitPolicyBuilder().WithOrigins(Listed).WithMethods("PUT").Build().Compile();

    [Theory]
    [InlineData(Tenant, "Allowed", true)]
    [InlineData(Tenant, "Refused", false)]
    [InlineData(Tenant, "NotAsked", false)]
    [InlineData(Listed, "Refused", true)]
    public void A_looked_up_answer_only_fills_in_where_the_policy_misses(string origin, string answerName, bool allowed)
    {
        var answer = Enum.Parse<OriginAnswer>(answerName);
        var facts = new RequestFacts(origin, "PUT", default, default, "https", "api.example.com").WithOriginAnswer(answer);

        var decision = CorsEvaluator.Evaluate(Policy, corsDisabled: false, endpointHandlesOptions: false, facts, default);

        decision.Kind.Should().Be(RequestKind.Actual);
        decision.IsAllowed.Should().Be(allowed);
        decision.AllowOrigin.ToString().Should().Be(allowed ? origin : string.Empty);
    }

    [Fact]
    public void A_looked_up_answer_never_covers_a_request_with_several_Origin_lines()
    {
        var facts = new RequestFacts(new([Tenant, Listed]), "GET", default, default, "https", "api.example.com").WithOriginAnswer(OriginAnswer.Allowed);

        CorsEvaluator.Evaluate(Policy, corsDisabled: false, endpointHandlesOptions: false, facts, default).IsAllowed.Should().BeFalse();
    }
}
