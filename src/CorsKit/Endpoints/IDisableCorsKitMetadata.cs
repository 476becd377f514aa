namespace CorsKit;

/// <summary>Endpoint metadata switching CORS off for an endpoint: no CORS headers, and preflights to it are refused.</summary>
public interface IDisableCorsKitMetadata : ICorsKitMetadata
{
}
