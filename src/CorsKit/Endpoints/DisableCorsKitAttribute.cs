namespace CorsKit;

/// <summary>
/// Switches CORS off for a controller or action: responses get no CORS headers and preflights to it are refused, whatever
/// the app-wide policy allows.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class DisableCorsKitAttribute : Attribute, IDisableCorsKitMetadata
{
}
