using System.Diagnostics.CodeAnalysis;

namespace CorsKit;

/// <summary>
/// The feature switch for CorsKit's MVC integration: the part of <c>AddCorsKit</c> that lets CORS preflights reach
/// controller actions carrying <see cref="EnableCorsKitAttribute"/> or <see cref="DisableCorsKitAttribute"/>, so that
/// they are answered with the action's policy.
/// </summary>
/// <remarks>
/// <para>
/// The <see cref="AppContext"/> switch is named <c>CorsKit.CorsKitMvcIntegration.IsSupported</c> and is on when it is
/// not set, so apps with controllers need no extra call. The MSBuild targets in the CorsKit package turn it off when an
/// app is published with <c>PublishAot</c> or <c>PublishTrimmed</c>, which ASP.NET Core MVC does not support: the
/// trimmer and the Native AOT compiler then treat <see cref="IsSupported"/> as the constant <see langword="false"/> and
/// leave the integration, and every MVC type it uses, out of the published app.
/// </para>
/// <para>
/// The MSBuild property <c>CorsKitMvcIntegration</c> overrides that default: <c>true</c> keeps the integration in a
/// trimmed app that uses controllers anyway, <c>false</c> turns it off in any app. With the integration off, minimal-API
/// endpoints behave exactly the same; an app with controller actions that carry CorsKit attributes and an HTTP method
/// constraint (such as <c>[HttpPatch]</c>) refuses to start, names those actions and says to set the property, because
/// their preflights would be answered by the app-wide policy instead of the action's.
/// </para>
/// </remarks>
public static class CorsKitMvcIntegration
{
    private const string SwitchName = "CorsKit.CorsKitMvcIntegration.IsSupported";

    /// <summary>Gets whether <c>AddCorsKit</c> registers the MVC integration: the value of the <see cref="AppContext"/>
    /// switch <c>CorsKit.CorsKitMvcIntegration.IsSupported</c>, or <see langword="true"/> when it is not set. The
    /// trimmer and the Native AOT compiler know this property as a feature switch.</summary>
    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported { get; } = !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;
}
