namespace CorsKit.Resolution;

/// <summary>What a request asks of CORS: nothing (disabled), or a policy — the default, a named one, or its endpoint's own.</summary>
/// <param name="Disabled">Whether the endpoint switched CORS off.</param>
/// <param name="Selection">The policy asked for (meaningless when <paramref name="Disabled"/>).</param>
/// <param name="DeclaredByEndpoint">Whether the endpoint itself asked (then a missing policy fails closed), rather than
/// the app-wide <c>UseCorsKit</c> (then no default policy simply means no CORS).</param>
internal readonly record struct PolicyRequest(bool Disabled, CorsKitPolicySelection Selection, bool DeclaredByEndpoint)
{
    public static PolicyRequest CorsDisabled => new(true, default, true);
}
