namespace CorsKit.Origins;

/// <summary>
/// Messages for the origin settings the policy builder refuses together with credentials. One source for the builder
/// and for the compile-time checks in CorsKit.Analyzers, which compiles this file too, so the editor says exactly what
/// startup would.
/// </summary>
internal static class OriginCredentialMessages
{
    public const string AnyOriginWithCredentials =
        "AllowAnyOrigin() cannot be combined with AllowCredentials(): browsers reject '*' with credentials, and echoing every origin would hand any site your users' sessions. List the trusted origins with WithOrigins()";

    public const string NullOriginWithCredentials =
        "is sent by sandboxed iframes and file: or data: pages of any site, and the policy allows credentials: every such page could read your users' responses. Remove it, or call DangerouslyAllowInsecureOriginsWithCredentials() if you accept the risk";

    public const string PlainHttpOriginWithCredentials =
        "is plain http and the policy allows credentials: anyone on the network path can run script in that origin and read your users' responses. Use https, or call DangerouslyAllowInsecureOriginsWithCredentials() if you accept the risk";
}
