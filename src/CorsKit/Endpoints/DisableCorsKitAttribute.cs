namespace CorsKit;

/// <summary>
/// Switches CORS off for a controller or action: responses get no CORS headers and preflights to it are refused, whatever
/// the app-wide policy allows. On minimal APIs use the <c>DisableCorsKit()</c> convention instead (see
/// <see cref="EnableCorsKitAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class DisableCorsKitAttribute : Attribute, IDisableCorsKitMetadata
{
}
