using System.Diagnostics.CodeAnalysis;

namespace CorsKit;

/// <summary>
/// The feature switch for CorsKit's MVC integration: the part of <c>AddCorsKit</c> that lets CORS preflights reach
/// controller actions carrying <see cref="EnableCorsKitAttribute"/> or <see cref="DisableCorsKitAttribute"/>.
/// </summary>
/// <remarks>
/// <para>
/// The switch is named <c>CorsKit.CorsKitMvcIntegration.IsSupported</c> and is on by default, so apps with controllers
/// need no extra call. The package's MSBuild targets turn it off when an app publishes with <c>PublishAot</c> or
/// <c>PublishTrimmed</c> (MVC controllers support neither): the trimmer then treats <see cref="IsSupported"/> as the
/// constant <see langword="false"/> and removes the MVC integration, and with it every reference to MVC types, from
/// the published app. A trimmed app that does use controllers keeps the integration by setting the MSBuild property
/// <c>CorsKitMvcIntegration</c> to <c>true</c>; <c>false</c> turns it off in any app.
/// </para>
/// <para>
/// Without the integration, minimal-API endpoints behave exactly the same; only preflights to controller actions
/// that accept no <c>OPTIONS</c> request would end in 405 instead of reaching CorsKit.
/// </para>
/// </remarks>
public static class CorsKitMvcIntegration
{
    private const string SwitchName = "CorsKit.CorsKitMvcIntegration.IsSupported";

    /// <summary>Gets whether <c>AddCorsKit</c> registers the MVC integration (from the <c>AppContext</c> switch
    /// <c>CorsKit.CorsKitMvcIntegration.IsSupported</c>; <see langword="true"/> when it is not set).</summary>
    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported { get; } = !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;
}
