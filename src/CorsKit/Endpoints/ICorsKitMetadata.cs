namespace CorsKit;

/// <summary>
/// Endpoint metadata that decides which CORS policy applies to an endpoint. When an endpoint carries several, the last
/// one wins (an action's attribute overrides its controller's; a later convention overrides an earlier one).
/// </summary>
public interface ICorsKitMetadata
{
}
