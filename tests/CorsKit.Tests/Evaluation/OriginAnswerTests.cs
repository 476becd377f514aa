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

    private static readonly Compilation.CompiledPolicy Policy = new CorsKitPolicyBuilder().WithOrigins(Listed).WithMethods("PUT").AllowOriginsFromSource().Build().Compile();

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
    public void The_remembered_admissible_origin_admits_no_other()
    {
        // The policy remembers the last origin a source's grant was found admissible for; an insecure origin that comes
        // next (with credentials) is still judged on its own, and the remembered one still passes after it.
        var policy = new CorsKitPolicyBuilder().AllowOriginsFromSource().AllowCredentials().Build().Compile();
        Decide(policy, Tenant).Should().BeTrue();

        Decide(policy, "http://tenant.example.org").Should().BeFalse();
        Decide(policy, "null").Should().BeFalse();
        Decide(policy, Tenant).Should().BeTrue();

        static bool Decide(Compilation.CompiledPolicy policy, string origin) => CorsEvaluator.Evaluate(
            policy,
            corsDisabled: false,
            endpointHandlesOptions: false,
            new RequestFacts(origin, "GET", default, default, "https", "api.example.com").WithOriginAnswer(OriginAnswer.Allowed),
            default).IsAllowed;
    }

    [Fact]
    public void A_looked_up_answer_never_covers_a_request_with_several_Origin_lines()
    {
        var facts = new RequestFacts(new([Tenant, Listed]), "GET", default, default, "https", "api.example.com").WithOriginAnswer(OriginAnswer.Allowed);

        CorsEvaluator.Evaluate(Policy, corsDisabled: false, endpointHandlesOptions: false, facts, default).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void A_looked_up_answer_is_ignored_by_a_policy_without_a_source()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(Listed).Build().Compile();
        var facts = new RequestFacts(Tenant, "GET", default, default, "https", "api.example.com").WithOriginAnswer(OriginAnswer.Allowed);

        CorsEvaluator.Evaluate(policy, corsDisabled: false, endpointHandlesOptions: false, facts, default).IsAllowed.Should().BeFalse();
    }

    // A source's grant is never wider than a listed origin's: the evaluator re-checks the rules even if a caller passes
    // an Allowed answer for an origin the source should never have been asked about.
    [Theory]
    [InlineData("null", false, false)]
    [InlineData("https://Tenant.example.org", false, false)]
    [InlineData("https://tenant.example.org/path", false, false)]
    [InlineData("http://tenant.example.org", false, true)]
    [InlineData("http://tenant.example.org", true, false)]
    [InlineData("http://localhost:3000", true, true)]
    [InlineData("http://127.0.0.1:3000", true, true)]
    [InlineData("http://[::1]:3000", true, true)]
    [InlineData("https://tenant.example.org", true, true)]
    public void An_allowed_answer_obeys_the_rules_of_a_listed_origin(string origin, bool credentials, bool allowed)
    {
        var builder = new CorsKitPolicyBuilder().WithOrigins(Listed).AllowOriginsFromSource();
        var policy = (credentials ? builder.AllowCredentials() : builder).Build().Compile();
        var facts = new RequestFacts(origin, "GET", default, default, "https", "api.example.com").WithOriginAnswer(OriginAnswer.Allowed);

        CorsEvaluator.Evaluate(policy, corsDisabled: false, endpointHandlesOptions: false, facts, default).IsAllowed.Should().Be(allowed);
    }
}
