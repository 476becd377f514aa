namespace CorsKit.DynamicOriginTests;

/// <summary>The app's origin source: scoped, like one built on a <c>DbContext</c>; asks the database of the test.</summary>
public sealed class DatabaseOriginSource(OriginDatabase database) : ICorsKitOriginSource
{
    public ValueTask<bool> IsOriginAllowedAsync(CorsKitOriginQuery query, CancellationToken cancellationToken) =>
        new(database.IsAllowedAsync(query.Tenant ?? string.Empty, query.Origin, cancellationToken));
}
