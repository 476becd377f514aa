namespace CorsKit;

/// <summary>The policy setting (or configuration part) a <see cref="CorsKitConfigurationError"/> is about.</summary>
public enum CorsKitSetting
{
    /// <summary><c>WithOrigins</c>, <c>AllowAnyOrigin</c>, <c>SetIsOriginAllowed</c>; <c>Origins</c> in configuration.</summary>
    Origins = 0,

    /// <summary><c>WithMethods</c>, <c>AllowAnyMethod</c>; <c>Methods</c> in configuration.</summary>
    Methods = 1,

    /// <summary><c>WithHeaders</c>, <c>AllowAnyHeader</c>; <c>Headers</c> in configuration.</summary>
    Headers = 2,

    /// <summary><c>WithExposedHeaders</c>; <c>ExposedHeaders</c> in configuration.</summary>
    ExposedHeaders = 3,

    /// <summary><c>AllowCredentials</c> and <c>DangerouslyAllowInsecureOriginsWithCredentials</c>.</summary>
    Credentials = 4,

    /// <summary><c>SetPreflightMaxAge</c>; <c>PreflightMaxAge</c> in configuration.</summary>
    PreflightMaxAge = 5,

    /// <summary><c>SetPreflightSuccessStatusCode</c>; <c>PreflightSuccessStatusCode</c> in configuration.</summary>
    PreflightSuccessStatusCode = 6,

    /// <summary>The shape of a configuration section itself: an unknown key, or an app-wide switch.</summary>
    Section = 7,
}
