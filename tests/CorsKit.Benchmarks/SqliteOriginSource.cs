using Microsoft.Data.Sqlite;

namespace CorsKit.Benchmarks;

/// <summary>The benchmark's origin source: one query of the SQLite table of tenant origins per lookup.</summary>
public sealed class SqliteOriginSource(SqliteOriginSource.Database database) : ICorsKitOriginSource
{
    public ValueTask<bool> IsOriginAllowedAsync(CorsKitOriginQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsAllowed(database.ConnectionString, query.Tenant ?? string.Empty, query.Origin));

    /// <summary>The query both pipelines run: is the origin stored for the tenant?</summary>
    public static bool IsAllowed(string connectionString, string tenant, string origin)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tenant_origins WHERE tenant = $tenant AND origin = $origin";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$origin", origin);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Where the database is.</summary>
    public sealed record Database(string ConnectionString);
}
